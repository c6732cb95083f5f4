#!/usr/bin/env python3
"""Generates the SDK's C types and their JSON descriptor tables from spec/*.spec.

Outputs (never edit them by hand; run `make generate`):
  include/genai/types.h   public structs, enums and per-type functions
  src/wire/types_gen.h    internal: descriptor declarations
  src/wire/types_gen.c    descriptor tables, enum tables, per-type wrappers

`--check` regenerates in memory and fails if a file on disk differs, so a test
can prove the committed files match the spec.

Spec format (one file per domain, read in sorted order):

  # comment (a "# text" after a field documents the field; "## text" lines
  # document the next definition)
  enum Name                  a service enumeration
    VALUE                    wire value, also the C constant suffix
    KEY = wire-value         when the wire value is not a valid C identifier
  type Name                  a record type (public: include/genai/types.h)
  internal type Name         a request-parameters type, private to src/
    field  TYPE  [attr ...]
  method module.name         an API method (see spec/methods.spec)
    verb POST | params T | response T | stream | mldev PATH | vertex PATH
    rawquery KEY             (this query parameter goes first, not encoded)
    xf NAME                  (reshapes the answer before it is decoded)
    variant PATH DEFAULT     (the enum at PATH of the parameters picks "VARIANT:path" alternatives)

TYPE is string | bool | int32 | int64 | double | bytes | timestamp | duration | json |
content_union | contents_union | callable | <enum or type name>, optionally wrapped as
[T] (list) or {T} (map from string to T). A callable is a caller's C function
(genai_function, include/genai/functions.h): never read from JSON, sent as the
FunctionDeclaration it describes.

Field attributes (PATH: dot-separated keys; "a[]" fans out over the
elements of array a, "a[0]" is its first element; a leading "^" writes into
the enclosing request object instead of the field's own object; "_url.x" and
"_query.x" feed the URL template and the query string; "_self" decodes from
the enclosing object itself):
  wire=PATH         the wire path on both backends (default: the JSON name)
  mldev=PATH        the wire path on the Gemini Developer API
  vertex=PATH       the wire path on Vertex AI
  mldev=reject      rejected on the Gemini Developer API (Python's message)
  vertex=reject     rejected on Vertex AI
  mldev=drop        silently not sent on the Gemini Developer API
  vertex=drop       silently not sent on Vertex AI
  from=PATH         where responses carry it, both backends (default: the
                    wire path when it is a plain path, else the JSON name)
  from_mldev=PATH   where Gemini Developer API responses carry it
  from_vertex=PATH  where Vertex AI responses carry it
  json=NAME         the SDK JSON name (default: lowerCamelCase of the field)
  sdk               SDK-side only: never sent nor read on the wire
  xf=NAME           a transformer (see src/wire/codec.c)
  c=NAME            C member name (default: the field name; json fields get _json)
  b64std            bytes use the standard base64 alphabet on the wire
  required          encoding fails when the field is not set ("<name> is required.")
  parent=PATH       a nested message's "^" fields go to PATH of this object (default:
                    this object itself)
A wire path may be "A:path1|B:path2": the alternative of the method's
variant (see "variant" below) is used, none when no alternative matches.
Enum values may carry mldev=reject or vertex=reject (rejected when sent);
"type NAME xf=T" applies transformer T to the whole encoded object.
"""

import argparse
import os
import re
import sys

SCALARS = {
    'string': 'STRING', 'timestamp': 'TIMESTAMP', 'duration': 'DURATION', 'bool': 'BOOL', 'int32': 'INT32',
    'int64': 'INT64', 'double': 'DOUBLE', 'bytes': 'BYTES', 'json': 'JSON',
    'content_union': 'CONTENT', 'contents_union': 'CONTENTS', 'callable': 'CALLABLE',
}
# C and C++ keywords cannot be member names: the spec must rename them with c=.
KEYWORDS = set('''auto break case char const continue default do double else enum extern float for goto
if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void
volatile while bool class delete new operator private protected public template this throw try catch namespace
virtual friend typename using explicit mutable'''.split())
XFORMS = ['t_content', 't_contents', 't_cached_content_name', 't_schema', 't_json_schema',
          't_speech_config', 't_tool', 't_tools', 't_model', 't_models_url', 't_extract_models',
          't_caches_model', 't_file_name', 't_batch_job_name', 't_job_state', 't_tuning_job_status',
          't_contents_for_embed', 't_batch_job_source', 't_batch_job_destination',
          't_recv_batch_job_destination', 't_metrics', 't_live_speech_config', 't_blobs',
          't_audio_blob', 't_image_blob', 't_embed_content_response', 't_move_into_request',
          't_embedding_batch_job_source', 't_images_response']
BACKENDS = ('mldev', 'vertex')


class SpecError(Exception):
    pass


def snake(name):
    s = re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', name)
    s = re.sub(r'(?<=[A-Z])([A-Z][a-z])', r'_\1', s)
    return s.lower()


def camel(name):
    parts = name.split('_')
    return parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])


class Enum:
    def __init__(self, name, where):
        self.name, self.where, self.values = name, where, []  # (suffix, wire)
        self.rejects = {}  # wire value -> set of backends rejecting it
        self.doc = []

    @property
    def c(self):
        return 'genai_' + snake(self.name)

    @property
    def prefix(self):
        return 'GENAI_' + snake(self.name).upper()


class Field:
    def __init__(self, name, ty, attrs, where):
        self.name, self.ty, self.where = name, ty, where
        self.shape = 'ONE'
        if ty.startswith('[') and ty.endswith(']'):
            self.shape, ty = 'LIST', ty[1:-1]
        elif ty.startswith('{') and ty.endswith('}'):
            self.shape, ty = 'MAP', ty[1:-1]
        self.base = ty
        self.json = camel(name)
        self.enc = {b: None for b in BACKENDS}  # None: the JSON name; else a path, 'reject' or 'drop'
        self.dec = {b: None for b in BACKENDS}
        self.sdk = self.b64std = self.required = False
        self.parent = None
        self.xf = None
        self.cname = None
        for a in attrs:
            key, _, val = a.partition('=')
            if key == 'wire':
                self.enc = {b: val for b in BACKENDS}
            elif key in BACKENDS:
                self.enc[key] = val
            elif key == 'from':
                self.dec = {b: val for b in BACKENDS}
            elif key in ('from_mldev', 'from_vertex'):
                self.dec[key[5:]] = val
            elif key == 'json':
                self.json = val
            elif key == 'sdk':
                self.sdk = True
            elif key == 'b64std':
                self.b64std = True
            elif key == 'required':
                self.required = True
            elif key == 'parent':
                self.parent = val
            elif key == 'xf':
                if val not in XFORMS:
                    raise SpecError('%s: unknown transformer %r' % (where, val))
                self.xf = val
            elif key == 'c':
                self.cname = val
            else:
                raise SpecError('%s: unknown attribute %r' % (where, a))
        if self.cname is None:
            self.cname = name + ('_json' if self.base == 'json' else '')

    def rejected(self, b):
        return self.enc[b] == 'reject'

    def enc_path(self, b):
        """The encode path, '' when dropped, None when it is the JSON name.
        A field the spec only says how to read (a response field renamed by
        the backend) is written back under the same plain key."""
        v = self.enc[b]
        if v == 'drop':
            return ''
        if v is None and self.dec[b] and re.match(r'^[A-Za-z0-9_]+$', self.dec[b]) and self.dec[b] != '_self':
            v = self.dec[b]
        if v in (None, 'reject') or v == self.json:
            return None
        return v

    def dec_path(self, b):
        if self.dec[b] is not None:
            return None if self.dec[b] == self.json else self.dec[b]
        v = self.enc_path(b)
        if v and not v.startswith('^') and not v.startswith('_') and not re.search(r'[:|,]', v):
            return v
        return None


class Type:
    def __init__(self, name, where, internal=False):
        self.name, self.where, self.fields = name, where, []
        self.internal = internal
        self.xf = None  # a transformer of the whole encoded object
        self.doc = []

    @property
    def c(self):
        return 'genai_' + snake(self.name)


class Method:
    def __init__(self, name, where):
        self.name, self.where = name, where
        self.verb, self.params, self.response, self.stream = None, None, None, False
        self.rawquery = None
        self.xf = None
        self.variant = (None, None)  # (path of the discriminating field, its default)
        self.paths = {b: None for b in BACKENDS}
        self.doc = []

    @property
    def c(self):
        return 'genai__method_' + self.name.replace('.', '_')


def parse(spec_dir):
    enums, types, order = {}, {}, []
    methods = []
    files = sorted(f for f in os.listdir(spec_dir) if f.endswith('.spec'))
    for fname in files:
        cur, doc = None, []
        path = os.path.join(spec_dir, fname)
        with open(path, encoding='utf-8') as fh:
            for lineno, raw in enumerate(fh, 1):
                where = '%s:%d' % (fname, lineno)
                line = raw.rstrip('\n')
                stripped = line.strip()
                if stripped.startswith('##'):
                    doc.append(stripped[2:].strip())
                    continue
                trailing = ''
                if stripped.startswith('#'):
                    line = ''
                else:
                    m = re.search(r'\s+#\s?(.*)$', line)
                    if m:
                        trailing = m.group(1).strip()
                        line = line[:m.start()]
                if not line.strip():
                    continue
                words = line.split()
                if not line[0].isspace():
                    internal = words[0] == 'internal'
                    if internal:
                        words = words[1:]
                    kind = words[0] if words else ''
                    if kind == 'method' and len(words) == 2 and not internal:
                        cur = Method(words[1], where)
                        cur.doc, doc = doc, []
                        methods.append(cur)
                        continue
                    type_xf = None
                    if kind == 'type' and len(words) == 3 and words[2].startswith('xf='):
                        type_xf = words.pop()[3:]
                        if type_xf not in XFORMS:
                            raise SpecError('%s: unknown transformer %r' % (where, type_xf))
                    if kind not in ('enum', 'type') or len(words) != 2 or (internal and kind != 'type'):
                        raise SpecError('%s: expected "enum NAME", "[internal] type NAME [xf=T]" or "method NAME"'
                                        % where)
                    name = words[1]
                    if name in enums or name in types:
                        raise SpecError('%s: %s defined twice' % (where, name))
                    cur = Enum(name, where) if kind == 'enum' else Type(name, where, internal)
                    if type_xf:
                        cur.xf = type_xf
                    cur.doc, doc = doc, []
                    (enums if kind == 'enum' else types)[name] = cur
                    order.append(cur)
                    continue
                if cur is None:
                    raise SpecError('%s: member outside of a definition' % where)
                if isinstance(cur, Method):
                    key, rest = words[0], words[1:]
                    if key == 'stream' and not rest:
                        cur.stream = True
                    elif key in ('verb', 'params', 'response', 'rawquery') and len(rest) == 1:
                        setattr(cur, key, rest[0])
                    elif key == 'xf' and len(rest) == 1 and rest[0] in XFORMS:
                        cur.xf = rest[0]
                    elif key == 'variant' and len(rest) == 2:
                        cur.variant = (rest[0], rest[1])
                    elif key in BACKENDS and len(rest) == 1:
                        cur.paths[key] = rest[0]
                    else:
                        raise SpecError('%s: bad method line' % where)
                elif isinstance(cur, Enum):
                    rejects = {w.split('=')[0] for w in words if w in ('mldev=reject', 'vertex=reject')}
                    words = [w for w in words if w not in ('mldev=reject', 'vertex=reject')]
                    if len(words) == 1:
                        cur.values.append((words[0], words[0]))
                    elif len(words) == 3 and words[1] == '=':
                        cur.values.append((words[0], words[2]))
                    else:
                        raise SpecError('%s: bad enum value' % where)
                    if rejects:
                        cur.rejects[cur.values[-1][1]] = rejects
                else:
                    if len(words) < 2:
                        raise SpecError('%s: field needs a type' % where)
                    f = Field(words[0], words[1], words[2:], where)
                    f.doc, doc = doc + ([trailing] if trailing else []), []
                    cur.fields.append(f)
    for t in types.values():
        names = set()
        for f in t.fields:
            if f.cname in KEYWORDS:
                raise SpecError('%s: %s is a C or C++ keyword; name the member with c=' % (f.where, f.cname))
            if f.cname in names:
                raise SpecError('%s: duplicate field %s' % (f.where, f.cname))
            names.add(f.cname)
            if f.base not in SCALARS and f.base not in enums and f.base not in types:
                raise SpecError('%s: unknown type %s' % (f.where, f.base))
            if f.shape == 'MAP' and f.base not in ('string',) and f.base not in types:
                raise SpecError('%s: maps hold strings or records' % f.where)
            if f.base in ('content_union', 'contents_union', 'callable') and f.shape != 'ONE':
                raise SpecError('%s: unions and callables cannot be repeated' % f.where)
            if f.base in types and types[f.base].internal and not t.internal:
                raise SpecError('%s: a public type cannot hold the internal type %s' % (f.where, f.base))
    for m in methods:
        if m.verb not in ('GET', 'POST', 'PATCH', 'DELETE'):
            raise SpecError('%s: method %s needs a verb' % (m.where, m.name))
        for k in ('params', 'response'):
            v = getattr(m, k)
            if v is None or v not in types:
                raise SpecError('%s: method %s: unknown %s type %s' % (m.where, m.name, k, v))
        if not any(m.paths.values()):
            raise SpecError('%s: method %s has no path' % (m.where, m.name))
    return enums, types, order, methods


def enum_constants(e):
    """Returns [(c_name, c_value, wire or None)], the zero value first."""
    snake_prefix = snake(e.name).upper() + '_'
    out, zero, n = [], None, 1
    for suffix, wire in e.values:
        if zero is None and (suffix == 'UNSPECIFIED' or suffix.endswith('_UNSPECIFIED')):
            zero = wire
            continue
    out.append((e.prefix + '_UNSPECIFIED', 0, zero))
    used = {e.prefix + '_UNSPECIFIED', e.prefix + '_UNKNOWN'}
    for suffix, wire in e.values:
        if wire == zero:
            continue
        s = suffix[len(snake_prefix):] if suffix.startswith(snake_prefix) else suffix
        cname = e.prefix + '_' + s
        if cname in used:
            raise SpecError('%s: enum constant %s collides' % (e.where, cname))
        used.add(cname)
        out.append((cname, n, wire))
        n += 1
    return out


def c_member(f, enums, types):
    """Returns the C declaration lines for field f."""
    b, n = f.base, f.cname
    if b in types:
        t = types[b].c
        if f.shape == 'ONE':
            return ['const %s *%s;' % (t, n)]
        if f.shape == 'LIST':
            return ['const %s *const *%s;' % (t, n), 'size_t %s_count;' % n]
        return ['const %s_entry *%s;' % (t, n), 'size_t %s_count;' % n]
    if b in enums:
        t = enums[b].c
        if f.shape == 'ONE':
            return ['%s %s;' % (t, n), 'const char *%s_str;' % n]
        return ['const %s *%s;' % (t, n), 'const char *const *%s_str;' % n, 'size_t %s_count;' % n]
    if f.shape == 'MAP':
        return ['const genai_string_entry *%s;' % n, 'size_t %s_count;' % n]
    scalar = {'string': 'const char *', 'timestamp': 'const char *', 'duration': 'const char *',
              'json': 'const char *',
              'bool': 'const bool *', 'int32': 'const int32_t *', 'int64': 'const int64_t *',
              'double': 'const double *', 'bytes': 'genai_bytes ',
              'content_union': 'const genai_contents *', 'contents_union': 'const genai_contents *',
              'callable': 'const genai_function *'}[b]
    if f.shape == 'ONE':
        return ['%s%s;' % (scalar, n)]
    elem = {'string': 'const char *const *', 'timestamp': 'const char *const *', 'duration': 'const char *const *',
            'json': 'const char *const *', 'bool': 'const bool *', 'int32': 'const int32_t *',
            'int64': 'const int64_t *', 'double': 'const double *', 'bytes': 'const genai_bytes *'}[b]
    return ['%s%s;' % (elem, n), 'size_t %s_count;' % n]


def field_note(f, enums, types):
    notes = list(f.doc)
    if f.base == 'json':
        notes.append('JSON text')
    elif f.base == 'timestamp':
        notes.append('RFC 3339 timestamp (genai_timestamp_parse)')
    elif f.base == 'duration':
        notes.append('duration such as "3600s" (genai_duration_parse)')
    elif f.base == 'bytes':
        notes.append('bytes; %s base64 on the wire' % ('standard' if f.b64std else 'URL-safe'))
    elif f.base in ('content_union', 'contents_union'):
        notes.append('any form of genai_contents')
    elif f.base == 'callable':
        notes.append('[borrowed] sent as its FunctionDeclaration (`functionDeclarations`); never in JSON')
        return '; '.join(notes)
    notes.append('JSON `%s`' % f.json)
    if f.sdk:
        notes.append('SDK-side only')
    else:
        per = []
        for b, label in (('mldev', 'Gemini API'), ('vertex', 'Vertex AI')):
            p = f.enc_path(b)
            if f.rejected(b):
                per.append('not on %s' % label)
            elif p == '':
                per.append('not sent to %s' % label)
            elif p:
                per.append('%s wire `%s`' % (label, p.lstrip('^')))
        if per:
            notes.append(', '.join(per))
    return '; '.join(notes)


def public_types(order):
    return [x for x in order if isinstance(x, Type) and not x.internal]


def internal_types(order):
    return [x for x in order if isinstance(x, Type) and x.internal]


def map_entry_types(types, selected):
    names = {t.name for t in selected}
    return sorted({f.base for t in types.values() for f in t.fields
                   if f.shape == 'MAP' and f.base in types and t.name in names})


def emit_structs(w, enums, types, selected):
    for t in selected:
        w('typedef struct %s %s;' % (t.c, t.c))
    w('')
    for v in map_entry_types(types, selected):
        c = types[v].c
        w('/** One entry of a map from string to %s. */' % c)
        w('typedef struct %s_entry {' % c)
        w('  const char *key;')
        w('  const %s *value;' % c)
        w('} %s_entry;' % c)
        w('')
    for t in selected:
        for d in t.doc:
            w('/* %s */' % d)
        w('/** C form of `types.%s`. */' % t.name if not t.internal else '/** The parameters of a request (Python `_%s`). */' % t.name)
        w('struct %s {' % t.c)
        w('  size_t struct_size;')
        w('  const char *unknown_json; /**< fields unknown to this version, as a JSON object */')
        for f in t.fields:
            lines = c_member(f, enums, types)
            note = field_note(f, enums, types)
            for i, line in enumerate(lines):
                w('  %s%s' % (line, ('  /**< %s */' % note) if i == 0 else ''))
        w('};')
        w('')


def gen_header(enums, types, order, methods):
    o = []
    w = o.append
    w('/* Generated by tools/gen_types.py from spec/. Do not edit: change the spec')
    w(' * and run `make generate`. */')
    w('#ifndef GENAI_TYPES_H')
    w('#define GENAI_TYPES_H')
    w('')
    w('#include <stdbool.h>')
    w('#include <stddef.h>')
    w('#include <stdint.h>')
    w('')
    w('#include <genai/common.h>')
    w('#include <genai/errors.h>')
    w('')
    w('#ifdef __cplusplus')
    w('extern "C" {')
    w('#endif')
    w('')
    w('/**')
    w(' * @file types.h')
    w(' * The SDK data types, one C struct per Python `google.genai.types` model and')
    w(' * one C enum per service enumeration.')
    w(' *')
    w(' * Conventions shared by every type here:')
    w(' * - Every struct starts with `struct_size`; set it with GENAI_INIT(T).')
    w(' * - A NULL pointer (or a zero enum, or empty genai_bytes) means "not set",')
    w(' *   exactly like Python None; scalars are pointers for that reason.')
    w(' * - Lists are pointer arrays plus a `_count`; maps are entry arrays.')
    w(' * - Every enum has `_UNSPECIFIED = 0` (unset) and `_UNKNOWN = -1` (a value')
    w(' *   this library version does not know); `<field>_str` holds the wire')
    w(' *   string. On input a non-NULL `_str` wins over the enum, so values newer')
    w(' *   than this library can be sent.')
    w(' * - `unknown_json` holds, as a JSON object text, the fields a response had')
    w(' *   that this library version does not know; they are written back when')
    w(' *   the value is encoded again (so chat history echoes them).')
    w(' * - `genai_<type>_from_json` reads the Python dict form (snake_case or')
    w(' *   lowerCamelCase keys) into a library-owned value freed with')
    w(' *   `genai_<type>_free`; `genai_<type>_to_json` writes lowerCamelCase JSON')
    w(' *   into a string freed with genai_free().')
    w(' * - Each member notes its JSON name and, where the backends differ, its')
    w(' *   wire form on the Gemini Developer API and on Vertex AI.')
    w(' */')
    w('')
    for e in (x for x in order if isinstance(x, Enum)):
        for d in e.doc:
            w('/* %s */' % d)
        w('/** C form of the service enumeration `%s`. */' % e.name)
        w('typedef enum %s {' % e.c)
        w('  %s_UNKNOWN = -1,' % e.prefix)
        for cname, val, wire in enum_constants(e):
            note = ('/**< wire "%s" */' % wire) if wire else '/**< not set */'
            w('  %s = %d, %s' % (cname, val, note))
        w('} %s;' % e.c)
        w('')
    pub = public_types(order)
    emit_structs(w, enums, types, pub)
    w('/* Per-type functions. */')
    for t in pub:
        w('GENAI_API GENAI_NODISCARD genai_result %s_from_json(const char *json, %s **out);' % (t.c, t.c))
        w('GENAI_API GENAI_NODISCARD genai_result %s_to_json(const %s *value, char **out);' % (t.c, t.c))
        w('GENAI_API void %s_free(%s *value);' % (t.c, t.c))
    w('')
    w('/* Per-enum functions: the wire string of a value (NULL for UNKNOWN, and for')
    w(' * UNSPECIFIED when the service has no wire value for it), and the value of a')
    w(' * wire string (case-insensitive; UNKNOWN when not recognised). */')
    for e in (x for x in order if isinstance(x, Enum)):
        w('GENAI_API const char *%s_to_string(%s value);' % (e.c, e.c))
        w('GENAI_API %s %s_from_string(const char *text);' % (e.c, e.c))
    w('')
    w('#ifdef __cplusplus')
    w('}')
    w('#endif')
    w('#endif /* GENAI_TYPES_H */')
    return '\n'.join(o) + '\n'


def cstr(s):
    return 'NULL' if s is None else '"%s"' % s


def gen_internal(enums, types, order, methods):
    o = ['/* Generated by tools/gen_types.py from spec/. Do not edit. */',
         '#ifndef GENAI_WIRE_TYPES_GEN_H', '#define GENAI_WIRE_TYPES_GEN_H', '',
         '#include <genai/types.h>', '',
         '#include "wire/codec.h"', '']
    emit_structs(o.append, enums, types, internal_types(order))
    for e in (x for x in order if isinstance(x, Enum)):
        o.append('extern const genai__enum genai__enum_%s;' % snake(e.name))
    for t in (x for x in order if isinstance(x, Type)):
        o.append('extern const genai__type genai__type_%s;' % snake(t.name))
    o.append('')
    for m in methods:
        o.append('extern const genai__method %s;' % m.c)
    o += ['', '#endif', '']
    return '\n'.join(o)


def gen_source(enums, types, order, methods):
    o = []
    w = o.append
    w('/* Generated by tools/gen_types.py from spec/. Do not edit. */')
    w('#include <stddef.h>')
    w('')
    w('#include <genai/types.h>')
    w('')
    w('#include "wire/types_gen.h"')
    w('')
    for e in (x for x in order if isinstance(x, Enum)):
        s = snake(e.name)
        consts = enum_constants(e)
        w('static const genai__enum_value genai__enum_values_%s[] = {' % s)
        for cname, val, wire in consts:
            if wire is not None:
                rej = e.rejects.get(wire, set())
                flags = ' | '.join('GENAI__F_REJECT_' + b.upper() for b in sorted(rej)) or '0'
                w('  {"%s", %d, %s},' % (wire, val, flags))
        w('};')
        w('const genai__enum genai__enum_%s = {"%s", genai__enum_values_%s, %d};'
          % (s, e.name, s, sum(1 for c in consts if c[2] is not None)))
        w('')
    for t in (x for x in order if isinstance(x, Type)):
        s = snake(t.name)
        w('static const genai__field genai__fields_%s[] = {' % s)
        for f in t.fields:
            kind = SCALARS.get(f.base)
            ref_t = ref_e = 'NULL'
            if f.base in types:
                kind, ref_t = 'MESSAGE', '&genai__type_%s' % snake(f.base)
            elif f.base in enums:
                kind, ref_e = 'ENUM', '&genai__enum_%s' % snake(f.base)
            flags = []
            for flag, on in (('SDK', f.sdk), ('B64STD', f.b64std), ('REQUIRED', f.required),
                             ('REJECT_MLDEV', f.rejected('mldev')), ('REJECT_VERTEX', f.rejected('vertex'))):
                if on:
                    flags.append('GENAI__F_' + flag)
            count = 'offsetof(%s, %s_count)' % (t.c, f.cname) if f.shape != 'ONE' else '0'
            strs = ('offsetof(%s, %s_str)' % (t.c, f.cname)) if f.base in enums else '0'
            xf = 'GENAI__XF_' + (f.xf[2:].upper() if f.xf else 'NONE')
            w('  {"%s", "%s", {%s, %s}, {%s, %s}, offsetof(%s, %s), %s, %s, GENAI__K_%s, GENAI__S_%s, %s, %s, %s, %s, %s},'
              % (f.name, f.json, cstr(f.enc_path('mldev')), cstr(f.enc_path('vertex')),
                 cstr(f.dec_path('mldev')), cstr(f.dec_path('vertex')), t.c, f.cname, count, strs,
                 kind, f.shape, ' | '.join(flags) or '0', xf, ref_t, ref_e, cstr(f.parent)))
        if not t.fields:
            w('  {NULL, NULL, {NULL, NULL}, {NULL, NULL}, 0, 0, 0, GENAI__K_STRING, GENAI__S_ONE, 0, GENAI__XF_NONE, NULL, NULL, NULL},')
        w('};')
        entry = 'sizeof(%s_entry)' % t.c if any(
            f.shape == 'MAP' and f.base == t.name for tt in types.values() for f in tt.fields) else '0'
        w('const genai__type genai__type_%s = {"%s", "%s", sizeof(%s), %s, offsetof(%s, unknown_json), genai__fields_%s, %d, GENAI__XF_%s};'
          % (s, t.name, t.c, t.c, entry, t.c, s, len(t.fields), t.xf[2:].upper() if t.xf else 'NONE'))
        w('')
    for m in methods:
        w('const genai__method %s = {"%s", "%s", &genai__type_%s, &genai__type_%s, {%s, %s}, %d, %s, GENAI__XF_%s, %s, %s};'
          % (m.c, m.name, m.verb, snake(m.params), snake(m.response), cstr(m.paths['mldev']),
             cstr(m.paths['vertex']), 1 if m.stream else 0, cstr(m.rawquery),
             m.xf[2:].upper() if m.xf else 'NONE', cstr(m.variant[0]), cstr(m.variant[1])))
    w('')
    for t in public_types(order):
        s = snake(t.name)
        w('genai_result %s_from_json(const char *json, %s **out) {' % (t.c, t.c))
        w('  void *value = NULL;')
        w('  genai_result rc = genai__value_from_json(&genai__type_%s, json, out ? &value : NULL);' % s)
        w('  if (out) *out = value;')
        w('  return rc;')
        w('}')
        w('genai_result %s_to_json(const %s *value, char **out) {' % (t.c, t.c))
        w('  return genai__value_to_json(&genai__type_%s, value, out);' % s)
        w('}')
        w('void %s_free(%s *value) { genai__value_free(value); }' % (t.c, t.c))
        w('')
    for e in (x for x in order if isinstance(x, Enum)):
        s = snake(e.name)
        w('const char *%s_to_string(%s value) { return genai__enum_to_string(&genai__enum_%s, (int)value); }'
          % (e.c, e.c, s))
        w('%s %s_from_string(const char *text) { return (%s)genai__enum_from_string(&genai__enum_%s, text); }'
          % (e.c, e.c, e.c, s))
    return '\n'.join(o) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--root', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    ap.add_argument('--check', action='store_true', help='fail if generated files are stale')
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    try:
        enums, types, order, methods = parse(os.path.join(root, 'spec'))
        outputs = {
            'include/genai/types.h': gen_header(enums, types, order, methods),
            'src/wire/types_gen.h': gen_internal(enums, types, order, methods),
            'src/wire/types_gen.c': gen_source(enums, types, order, methods),
        }
    except SpecError as e:
        print('gen_types: %s' % e, file=sys.stderr)
        return 2
    stale = []
    for rel, text in outputs.items():
        path = os.path.join(root, rel)
        old = open(path, encoding='utf-8').read() if os.path.exists(path) else None
        if old == text:
            continue
        if args.check:
            stale.append(rel)
        else:
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(text)
    if stale:
        print('gen_types: out of date (run `make generate`): %s' % ', '.join(stale), file=sys.stderr)
        return 1
    nfields = sum(len(t.fields) for t in types.values())
    print('gen_types: %d enums, %d types (%d internal), %d fields, %d methods'
          % (len(enums), len(types), len(internal_types(order)), nfields, len(methods)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
