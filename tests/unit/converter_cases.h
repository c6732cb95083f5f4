/* The converter cases of test_converters.c: one request per line, built by
 * genai__method_build from the parameters in the Python SDK's dict form,
 * with what the Python SDK (googleapis/python-genai at the HEAD described in
 * shared/reference/python-genai.md) sends for it: the verb, the path relative
 * to the API version (with the query string; the Vertex AI
 * projects/{p}/locations/{l}/ prefix is the client's business), and the JSON
 * body, or the ValueError it raises before sending anything.
 *
 * Every JSON text here is written with single quotes, which the test turns
 * into double quotes (no value below contains an apostrophe). Vertex AI
 * cases use project "my-project" and location "us-central1".
 *
 * Two documented deliberate differences from the Python SDK are part of the
 * expectations (docs/conventions.md, DESIGN.md §4): keys are lowerCamelCase
 * everywhere (Python dumps some pass-through objects in snake_case), and
 * int64 values are JSON strings (proto3 JSON). Everything else is the
 * Python SDK's behaviour; a case that fails is a difference to fix in
 * spec/ or src/, not in this table.
 *
 * Each case names where the expectation was read ("file.py function"). */
#ifndef GENAI_TESTS_UNIT_CONVERTER_CASES_H
#define GENAI_TESTS_UNIT_CONVERTER_CASES_H

#define ML GENAI__BACKEND_MLDEV
#define VX GENAI__BACKEND_VERTEX

/* A request that is built: verb, path (with query) and body (NULL: none). */
#define C_OK(meth, bk, params, verb, path, body, ref) \
  {&genai__method_##meth, #meth, bk, params, verb, path, body, GENAI_OK, NULL, false, ref}
/* A request that is refused with the Python SDK's ValueError text (the
 * library may put the field's path and ": " in front of it). */
#define C_ERR(meth, bk, params, message, ref) \
  {&genai__method_##meth, #meth, bk, params, NULL, NULL, NULL, GENAI_EINVAL, message, false, ref}
/* Same, where only part of the Python text is asserted (`part` says why). */
#define C_ERR_PART(meth, bk, params, part, ref) \
  {&genai__method_##meth, #meth, bk, params, NULL, NULL, NULL, GENAI_EINVAL, part, true, ref}

#define ONLY_VERTEX(field) \
  field " parameter is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer API mode."
#define ONLY_MLDEV(field) \
  field " parameter is only supported in Gemini Developer API mode, not in Gemini Enterprise Agent Platform mode."
#define METHOD_ONLY_VERTEX \
  "This method is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer API mode."
#define METHOD_ONLY_MLDEV \
  "This method is only supported in Gemini Developer API mode, not in Gemini Enterprise Agent Platform mode."

#define PRJ "projects/my-project/locations/us-central1/"
#define USER(text) "{'parts':[{'text':'" text "'}],'role':'user'}"
#define HI USER("Hi")
/* A generate_content request whose config is `cfg` (a JSON object text). */
#define GC(cfg) "{'model':'gemini-2.0-flash','contents':'Hi','config':" cfg "}"
/* Same, with `contents` instead of 'Hi'. */
#define GC_CONTENTS(contents) "{'model':'gemini-2.0-flash','contents':" contents "}"
/* count_tokens with a config. */
#define CT(cfg) "{'model':'gemini-2.0-flash','contents':'Hi','config':" cfg "}"

#define R_GC_ML "models.py _GenerateContentParameters_to_mldev, _GenerateContentConfig_to_mldev"
#define R_GC_VX "models.py _GenerateContentParameters_to_vertex, _GenerateContentConfig_to_vertex"
#define R_T_MODEL "_transformers.py t_model"

static const conv_case cases[] = {
    /* ------------------------------------------------ models.generate_content */
    C_OK(models_generate_content, ML, GC_CONTENTS("'Hi'"), "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "]}", R_GC_ML "; Models._generate_content"),
    C_OK(models_generate_content, VX, GC_CONTENTS("'Hi'"), "POST",
         "publishers/google/models/gemini-2.0-flash:generateContent", "{'contents':[" HI "]}",
         R_GC_VX "; Models._generate_content"),
    C_OK(models_generate_content, ML,
         GC("{'system_instruction':'Be brief','temperature':0.5,'top_p':0.9,'top_k':40,'candidate_count':1,"
            "'max_output_tokens':100,'stop_sequences':['END'],'seed':7,'response_mime_type':'application/json',"
            "'response_modalities':['TEXT'],'safety_settings':[{'category':'HARM_CATEGORY_HATE_SPEECH',"
            "'threshold':'BLOCK_NONE'}],'tools':[{'code_execution':{}}],'tool_config':{'function_calling_config':"
            "{'mode':'AUTO'}},'cached_content':'abc','service_tier':'flex','thinking_config':{'thinking_budget':0},"
            "'enable_enhanced_civic_answers':true}"),
         "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'systemInstruction':" USER("Be brief") ",'safetySettings':[{'category':"
         "'HARM_CATEGORY_HATE_SPEECH','threshold':'BLOCK_NONE'}],'tools':[{'codeExecution':{}}],'toolConfig':"
         "{'functionCallingConfig':{'mode':'AUTO'}},'cachedContent':'cachedContents/abc','serviceTier':'flex',"
         "'generationConfig':{'temperature':0.5,'topP':0.9,'topK':40.0,'candidateCount':1,'maxOutputTokens':100,"
         "'stopSequences':['END'],'seed':7,'responseMimeType':'application/json','responseModalities':['TEXT'],"
         "'thinkingConfig':{'thinkingBudget':0},'enableEnhancedCivicAnswers':true}}",
         R_GC_ML),
    C_OK(models_generate_content, VX,
         GC("{'system_instruction':'Be brief','temperature':0.5,'labels':{'team':'a'},'cached_content':'abc',"
            "'model_selection_config':{'feature_selection_preference':'PRIORITIZE_COST'},'routing_config':"
            "{'auto_mode':{'model_routing_preference':'BALANCED'}},'audio_timestamp':true,'model_armor_config':"
            "{'prompt_template_name':'t'},'safety_settings':[{'category':'HARM_CATEGORY_HATE_SPEECH',"
            "'threshold':'BLOCK_NONE','method':'SEVERITY'}]}"),
         "POST", "publishers/google/models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'systemInstruction':" USER("Be brief") ",'labels':{'team':'a'},'cachedContent':'" PRJ
         "cachedContents/abc','modelArmorConfig':{'promptTemplateName':'t'},'safetySettings':[{'category':"
         "'HARM_CATEGORY_HATE_SPEECH','threshold':'BLOCK_NONE','method':'SEVERITY'}],'generationConfig':"
         "{'temperature':0.5,'modelConfig':{'featureSelectionPreference':'PRIORITIZE_COST'},'routingConfig':"
         "{'autoMode':{'modelRoutingPreference':'BALANCED'}},'audioTimestamp':true}}",
         R_GC_VX),
    /* SDK-side fields are never sent. */
    C_OK(models_generate_content, ML,
         GC("{'http_options':{'api_version':'v1','timeout':5000},'automatic_function_calling':{'disable':true},"
            "'should_return_http_response':true,'temperature':0.2}"),
         "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'generationConfig':{'temperature':0.2}}", R_GC_ML),
    /* Backend-only Part fields are sent on their backend. */
    C_OK(models_generate_content, VX,
         GC_CONTENTS("[{'inline_data':{'data':'AAEC','mime_type':'image/png','display_name':'pic'}},{'file_data':"
                     "{'file_uri':'gs://b/o','mime_type':'image/png','display_name':'o'}}]"),
         "POST", "publishers/google/models/gemini-2.0-flash:generateContent",
         "{'contents':[{'parts':[{'inlineData':{'data':'AAEC','mimeType':'image/png','displayName':'pic'}},"
         "{'fileData':{'fileUri':'gs://b/o','mimeType':'image/png','displayName':'o'}}],'role':'user'}]}",
         "models.py _Part_to_vertex"),
    C_OK(models_generate_content, ML,
         GC_CONTENTS("[{'role':'model','parts':[{'tool_call':{'id':'1','tool_type':'URL_CONTEXT'}}]},{'role':'user',"
                     "'parts':[{'tool_response':{'id':'1','response':{'ok':true}}}]}]"),
         "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[{'parts':[{'toolCall':{'id':'1','toolType':'URL_CONTEXT'}}],'role':'model'},{'parts':"
         "[{'toolResponse':{'id':'1','response':{'ok':true}}}],'role':'user'}]}",
         "models.py _Part_to_mldev"),
    /* Any config gives a generationConfig, here empty. */
    C_OK(models_generate_content, ML, GC("{'system_instruction':'S'}"), "POST",
         "models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'systemInstruction':" USER("S") ",'generationConfig':{}}", R_GC_ML),
    /* t_tools: every function declaration moves into one trailing tool. */
    C_OK(models_generate_content, ML,
         GC("{'tools':[{'function_declarations':[{'name':'a'}]},{'google_search':{}},{'function_declarations':"
            "[{'name':'b'}]}]}"),
         "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'tools':[{'googleSearch':{}},{'functionDeclarations':[{'name':'a'},{'name':'b'}]}],"
         "'generationConfig':{}}",
         "_transformers.py t_tools"),
    /* t_schema: an OBJECT with several properties gets propertyOrdering. */
    C_OK(models_generate_content, VX,
         GC("{'response_mime_type':'application/json','response_schema':{'type':'OBJECT','properties':{'a':"
            "{'type':'STRING'},'b':{'type':'INTEGER'}}}}"),
         "POST", "publishers/google/models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'generationConfig':{'responseMimeType':'application/json','responseSchema':{'type':"
         "'OBJECT','properties':{'a':{'type':'STRING'},'b':{'type':'INTEGER'}},'propertyOrdering':['a','b']}}}",
         "_transformers.py t_schema, process_schema"),
    /* t_contents groups consecutive parts: text runs are user turns,
     * function calls model turns. */
    C_OK(models_generate_content, ML,
         GC_CONTENTS("['a','b',{'function_call':{'name':'f','args':{}}},{'role':'user','parts':[{'text':'c'}]}]"),
         "POST", "models/gemini-2.0-flash:generateContent",
         "{'contents':[{'parts':[{'text':'a'},{'text':'b'}],'role':'user'},{'parts':[{'functionCall':{'name':'f',"
         "'args':{}}}],'role':'model'}," USER("c") "]}",
         "_transformers.py t_contents"),
    /* t_model on both backends. */
    C_OK(models_generate_content, ML, "{'model':'models/gemini-2.0-flash','contents':'Hi'}", "POST",
         "models/gemini-2.0-flash:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, ML, "{'model':'tunedModels/my-tuned','contents':'Hi'}", "POST",
         "tunedModels/my-tuned:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, ML, "{'model':'publishers/google/models/x','contents':'Hi'}", "POST",
         "models/publishers/google/models/x:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, VX, "{'model':'models/gemini-2.0-flash','contents':'Hi'}", "POST",
         "models/gemini-2.0-flash:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, VX, "{'model':'publishers/meta/models/llama','contents':'Hi'}", "POST",
         "publishers/meta/models/llama:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, VX, "{'model':'anthropic/claude-x','contents':'Hi'}", "POST",
         "publishers/anthropic/models/claude-x:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, VX, "{'model':'tunedModels/my-tuned','contents':'Hi'}", "POST",
         "publishers/tunedModels/models/my-tuned:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_OK(models_generate_content, VX,
         "{'model':'projects/p/locations/europe-west4/endpoints/123','contents':'Hi'}", "POST",
         "projects/p/locations/europe-west4/endpoints/123:generateContent", "{'contents':[" HI "]}", R_T_MODEL),
    C_ERR(models_generate_content, ML, "{'model':'a..b','contents':'Hi'}", "invalid model parameter.", R_T_MODEL),
    C_ERR(models_generate_content, VX, "{'model':'m?x=1','contents':'Hi'}", "invalid model parameter.", R_T_MODEL),
    C_ERR(models_generate_content, VX, "{'model':'m&x','contents':'Hi'}", "invalid model parameter.", R_T_MODEL),
    C_ERR(models_generate_content, ML, "{'model':'','contents':'Hi'}", "model is required.", R_T_MODEL),
    C_ERR(models_generate_content, ML, "{'model':'gemini-2.0-flash','contents':[]}", "contents are required.",
          "_transformers.py t_contents"),
    /* GenerateContentConfig fields the Gemini Developer API lacks. */
    C_ERR(models_generate_content, ML, GC("{'routing_config':{'manual_mode':{'model_name':'m'}}}"),
          ONLY_VERTEX("routing_config"), R_GC_ML),
    C_ERR(models_generate_content, ML, GC("{'model_selection_config':{'feature_selection_preference':'BALANCED'}}"),
          ONLY_VERTEX("model_selection_config"), R_GC_ML),
    C_ERR(models_generate_content, ML, GC("{'labels':{'a':'b'}}"), ONLY_VERTEX("labels"), R_GC_ML),
    C_ERR(models_generate_content, ML, GC("{'audio_timestamp':true}"), ONLY_VERTEX("audio_timestamp"), R_GC_ML),
    C_ERR(models_generate_content, ML, GC("{'model_armor_config':{'prompt_template_name':'t'}}"),
          ONLY_VERTEX("model_armor_config"), R_GC_ML),
    C_ERR(models_generate_content, VX, GC("{'enable_enhanced_civic_answers':true}"),
          ONLY_MLDEV("enable_enhanced_civic_answers"), "models.py _GenerateContentConfig_to_vertex"),
    /* Parts. */
    C_ERR(models_generate_content, ML,
          GC_CONTENTS("[{'inline_data':{'data':'AAEC','mime_type':'image/png','display_name':'pic'}}]"),
          ONLY_VERTEX("display_name"), "models.py _Blob_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC_CONTENTS("[{'file_data':{'file_uri':'gs://b/o','mime_type':'image/png','display_name':'o'}}]"),
          ONLY_VERTEX("display_name"), "models.py _FileData_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC_CONTENTS("[{'role':'model','parts':[{'function_call':{'name':'f','partial_args':[{'json_path':'$.a'}]}}]}]"),
          ONLY_VERTEX("partial_args"), "models.py _FunctionCall_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC_CONTENTS("[{'role':'model','parts':[{'function_call':{'name':'f','will_continue':true}}]}]"),
          ONLY_VERTEX("will_continue"), "models.py _FunctionCall_to_mldev"),
    C_ERR(models_generate_content, VX, GC_CONTENTS("[{'tool_call':{'id':'1'}}]"), ONLY_MLDEV("tool_call"),
          "models.py _Part_to_vertex"),
    C_ERR(models_generate_content, VX, GC_CONTENTS("[{'tool_response':{'id':'1'}}]"), ONLY_MLDEV("tool_response"),
          "models.py _Part_to_vertex"),
    C_ERR(models_generate_content, VX, GC_CONTENTS("[{'text':'a','part_metadata':{'k':1}}]"),
          ONLY_MLDEV("part_metadata"), "models.py _Part_to_vertex"),
    /* Tools and tool config. */
    C_ERR(models_generate_content, ML,
          GC("{'tool_config':{'function_calling_config':{'stream_function_call_arguments':true}}}"),
          ONLY_VERTEX("stream_function_call_arguments"), "models.py _FunctionCallingConfig_to_mldev"),
    C_ERR(models_generate_content, VX, GC("{'tool_config':{'include_server_side_tool_invocations':true}}"),
          ONLY_MLDEV("include_server_side_tool_invocations"), "models.py _ToolConfig_to_vertex"),
    C_ERR(models_generate_content, ML,
          GC("{'safety_settings':[{'category':'HARM_CATEGORY_HATE_SPEECH','threshold':'BLOCK_NONE','method':"
             "'SEVERITY'}]}"),
          ONLY_VERTEX("method"), "models.py _SafetySetting_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'retrieval':{'vertex_ai_search':{'datastore':'d'}}}]}"),
          ONLY_VERTEX("retrieval"), "models.py _Tool_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'enterprise_web_search':{}}]}"),
          ONLY_VERTEX("enterprise_web_search"), "models.py _Tool_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'parallel_ai_search':{'api_key':'k'}}]}"),
          ONLY_VERTEX("parallel_ai_search"), "models.py _Tool_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'exa_ai_search':{'api_key':'k'}}]}"),
          ONLY_VERTEX("exa_ai_search"), "models.py _Tool_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'google_search':{'blocking_confidence':'BLOCK_LOW_AND_ABOVE'}}]}"),
          ONLY_VERTEX("blocking_confidence"), "models.py _GoogleSearch_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'google_search':{'exclude_domains':['a.com']}}]}"),
          ONLY_VERTEX("exclude_domains"), "models.py _GoogleSearch_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'google_maps':{'grounding_types':{'places':{}}}}]}"),
          ONLY_VERTEX("grounding_types"), "models.py _GoogleMaps_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC("{'tools':[{'google_maps':{'auth_config':{'api_key_config':{'api_key_string':'k'}}}}]}"),
          ONLY_VERTEX("api_key_config"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'tools':[{'google_maps':{'auth_config':{'auth_type':'NO_AUTH'}}}]}"),
          ONLY_VERTEX("auth_type"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC("{'tools':[{'google_maps':{'auth_config':{'google_service_account_config':{'service_account':'s'}}}}]}"),
          ONLY_VERTEX("google_service_account_config"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC("{'tools':[{'google_maps':{'auth_config':{'http_basic_auth_config':{'credential_secret':'s'}}}}]}"),
          ONLY_VERTEX("http_basic_auth_config"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC("{'tools':[{'google_maps':{'auth_config':{'oauth_config':{'access_token':'t'}}}}]}"),
          ONLY_VERTEX("oauth_config"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, ML,
          GC("{'tools':[{'google_maps':{'auth_config':{'oidc_config':{'id_token':'t'}}}}]}"),
          ONLY_VERTEX("oidc_config"), "models.py _AuthConfig_to_mldev"),
    C_ERR(models_generate_content, VX, GC("{'tools':[{'file_search':{'file_search_store_names':['s']}}]}"),
          ONLY_MLDEV("file_search"), "models.py _Tool_to_vertex"),
    C_ERR(models_generate_content, VX,
          GC("{'tools':[{'computer_use':{'environment':'ENVIRONMENT_BROWSER','disabled_safety_policies':"
             "['FINANCIAL_TRANSACTIONS']}}]}"),
          ONLY_MLDEV("disabled_safety_policies"), "models.py _ComputerUse_to_vertex"),
    C_ERR(models_generate_content, VX, GC("{'tools':[{'mcp_servers':[{'name':'srv'}]}]}"), ONLY_MLDEV("name"),
          "models.py _McpServer_to_vertex"),
    C_ERR(models_generate_content, VX,
          GC("{'tools':[{'mcp_servers':[{'streamable_http_transport':{'url':'https://m'}}]}]}"),
          ONLY_MLDEV("streamable_http_transport"), "models.py _McpServer_to_vertex"),
    /* Image and speech configs. */
    C_ERR(models_generate_content, ML, GC("{'image_config':{'person_generation':'ALLOW_ALL'}}"),
          ONLY_VERTEX("person_generation"), "models.py _ImageConfig_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'image_config':{'prominent_people':'BLOCK_PROMINENT_PEOPLE'}}"),
          ONLY_VERTEX("prominent_people"), "models.py _ImageConfig_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'image_config':{'output_mime_type':'image/jpeg'}}"),
          ONLY_VERTEX("output_mime_type"), "models.py _ImageConfig_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'image_config':{'output_compression_quality':80}}"),
          ONLY_VERTEX("output_compression_quality"), "models.py _ImageConfig_to_mldev"),
    C_ERR(models_generate_content, ML, GC("{'image_config':{'image_output_options':{'mime_type':'image/png'}}}"),
          ONLY_VERTEX("image_output_options"), "models.py _ImageConfig_to_mldev"),
    C_OK(models_generate_content, VX,
         GC("{'image_config':{'aspect_ratio':'16:9','person_generation':'ALLOW_ALL','output_mime_type':'image/jpeg',"
            "'output_compression_quality':80}}"),
         "POST", "publishers/google/models/gemini-2.0-flash:generateContent",
         "{'contents':[" HI "],'generationConfig':{'imageConfig':{'aspectRatio':'16:9','personGeneration':'ALLOW_ALL',"
         "'imageOutputOptions':{'mimeType':'image/jpeg','compressionQuality':80}}}}",
         "models.py _ImageConfig_to_vertex"),
    C_ERR(models_generate_content, VX,
          GC("{'speech_config':{'voice_config':{'replicated_voice_config':{'mime_type':'audio/wav','consent_audio':"
             "'AAEC'}}}}"),
          ONLY_MLDEV("consent_audio"), "models.py _ReplicatedVoiceConfig_to_vertex"),
    C_ERR(models_generate_content, VX,
          GC("{'speech_config':{'voice_config':{'replicated_voice_config':{'voice_consent_signature':{'signature':"
             "'s'}}}}}"),
          ONLY_MLDEV("voice_consent_signature"), "models.py _ReplicatedVoiceConfig_to_vertex"),
    /* additionalProperties inside response_schema on the Gemini API (Python's
     * text has a stray ", ," after "mode", which genai-c leaves out and
     * follows with a hint; only the common start is asserted). */
    C_ERR_PART(models_generate_content, ML,
          GC("{'response_schema':{'type':'OBJECT','additionalProperties':{'type':'STRING'}}}"),
          "additionalProperties is only supported in Gemini Enterprise Agent Platform mode",
          "_transformers.py _raise_for_unsupported_mldev_properties"),

    /* ----------------------------------------- models.generate_content_stream */
    C_OK(models_generate_content_stream, ML, GC_CONTENTS("'Hi'"), "POST",
         "models/gemini-2.0-flash:streamGenerateContent?alt=sse", "{'contents':[" HI "]}",
         R_GC_ML "; Models._generate_content_stream"),
    C_OK(models_generate_content_stream, VX, GC_CONTENTS("'Hi'"), "POST",
         "publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse", "{'contents':[" HI "]}",
         R_GC_VX "; Models._generate_content_stream"),
    C_OK(models_generate_content_stream, ML, GC("{'max_output_tokens':5,'system_instruction':'S','cached_content':"
                                                "'cachedContents/c1'}"),
         "POST", "models/gemini-2.0-flash:streamGenerateContent?alt=sse",
         "{'contents':[" HI "],'systemInstruction':" USER("S") ",'cachedContent':'cachedContents/c1',"
         "'generationConfig':{'maxOutputTokens':5}}",
         R_GC_ML),
    C_OK(models_generate_content_stream, VX, GC("{'cached_content':'cachedContents/c1','labels':{'a':'b'}}"), "POST",
         "publishers/google/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
         "{'contents':[" HI "],'cachedContent':'" PRJ "cachedContents/c1','labels':{'a':'b'},'generationConfig':{}}",
         R_GC_VX "; _transformers.py _resource_name"),
    C_ERR(models_generate_content_stream, ML, GC("{'labels':{'a':'b'}}"), ONLY_VERTEX("labels"), R_GC_ML),

    /* ------------------------------------------------- models.embed_content */
    /* Gemini API :batchEmbedContents: one request per content, each naming
     * the model; the config is copied into every request. */
    C_OK(models_embed_content, ML,
         "{'model':'text-embedding-004','contents':['What is your name?','What is your favorite color?'],'config':"
         "{'task_type':'RETRIEVAL_DOCUMENT','title':'T','output_dimensionality':64}}",
         "POST", "models/text-embedding-004:batchEmbedContents",
         "{'requests':[{'content':" USER("What is your name?") ",'taskType':'RETRIEVAL_DOCUMENT','title':'T',"
         "'outputDimensionality':64,'model':'models/text-embedding-004'},{'content':"
         USER("What is your favorite color?") ",'taskType':'RETRIEVAL_DOCUMENT','title':'T','outputDimensionality':64,"
         "'model':'models/text-embedding-004'}]}",
         "models.py _EmbedContentParametersPrivate_to_mldev, _EmbedContentConfig_to_mldev; _transformers.py "
         "t_contents_for_embed"),
    C_OK(models_embed_content, ML, "{'model':'models/gemini-embedding-001','contents':'Hello'}", "POST",
         "models/gemini-embedding-001:batchEmbedContents",
         "{'requests':[{'content':" USER("Hello") ",'model':'models/gemini-embedding-001'}]}",
         "models.py _EmbedContentParametersPrivate_to_mldev"),
    C_ERR(models_embed_content, ML, "{'model':'text-embedding-004','contents':'a','config':{'mime_type':'text/plain'}}",
          ONLY_VERTEX("mime_type"), "models.py _EmbedContentConfig_to_mldev"),
    C_ERR(models_embed_content, ML, "{'model':'text-embedding-004','contents':'a','config':{'auto_truncate':true}}",
          ONLY_VERTEX("auto_truncate"), "models.py _EmbedContentConfig_to_mldev"),
    C_ERR(models_embed_content, ML, "{'model':'text-embedding-004','contents':'a','config':{'document_ocr':true}}",
          ONLY_VERTEX("document_ocr"), "models.py _EmbedContentConfig_to_mldev"),
    C_ERR(models_embed_content, ML,
          "{'model':'text-embedding-004','contents':'a','config':{'audio_track_extraction':true}}",
          ONLY_VERTEX("audio_track_extraction"), "models.py _EmbedContentConfig_to_mldev"),
    /* genai-c's method table splits Vertex AI embedding into the two methods
     * below (Python picks the endpoint inside _embed_content). */
    C_ERR(models_embed_content, VX, "{'model':'text-embedding-004','contents':'a'}", METHOD_ONLY_MLDEV,
          "spec/methods.spec (Vertex AI: embed_content_predict / embed_content_embed)"),

    /* Vertex AI :predict for text embedding models (EmbeddingApiType PREDICT). */
    C_OK(models_embed_content_predict, VX,
         "{'model':'text-embedding-004','contents':['Hello world','Bye'],'config':{'task_type':'RETRIEVAL_QUERY',"
         "'title':'t','output_dimensionality':8,'mime_type':'text/plain','auto_truncate':false}}",
         "POST", "publishers/google/models/text-embedding-004:predict",
         "{'instances':[{'content':'Hello world','task_type':'RETRIEVAL_QUERY','title':'t','mimeType':'text/plain'},"
         "{'content':'Bye','task_type':'RETRIEVAL_QUERY','title':'t','mimeType':'text/plain'}],'parameters':"
         "{'outputDimensionality':8,'autoTruncate':false}}",
         "models.py _EmbedContentParametersPrivate_to_vertex, _EmbedContentConfig_to_vertex (PREDICT); "
         "Models._embed_content"),
    C_OK(models_embed_content_predict, VX, "{'model':'text-embedding-004','contents':['Hello world']}", "POST",
         "publishers/google/models/text-embedding-004:predict", "{'instances':[{'content':'Hello world'}]}",
         "models.py _EmbedContentParametersPrivate_to_vertex (PREDICT)"),
    C_ERR(models_embed_content_predict, ML, "{'model':'text-embedding-004','contents':['a']}", METHOD_ONLY_VERTEX,
          "spec/methods.spec"),
    /* Vertex AI :embedContent for Gemini embedding models (EMBED_CONTENT). */
    C_OK(models_embed_content_embed, VX,
         "{'model':'gemini-embedding-2-preview','content':'Hello','config':{'task_type':'RETRIEVAL_QUERY','title':'t',"
         "'output_dimensionality':8,'auto_truncate':true,'document_ocr':true,'audio_track_extraction':false}}",
         "POST", "publishers/google/models/gemini-embedding-2-preview:embedContent",
         "{'content':" USER("Hello") ",'embedContentConfig':{'taskType':'RETRIEVAL_QUERY','title':'t',"
         "'outputDimensionality':8,'autoTruncate':true,'documentOcr':true,'audioTrackExtraction':false}}",
         "models.py _EmbedContentParametersPrivate_to_vertex, _EmbedContentConfig_to_vertex (EMBED_CONTENT); "
         "Models.embed_content"),
    C_ERR(models_embed_content_embed, ML, "{'model':'gemini-embedding-2-preview','content':'a'}", METHOD_ONLY_VERTEX,
          "spec/methods.spec"),

    /* ------------------------------------------------ models.generate_images */
    C_OK(models_generate_images, VX,
         "{'model':'imagen-3.0-generate-002','prompt':'Robot','config':{'number_of_images':1,"
         "'include_safety_attributes':true,'output_mime_type':'image/jpeg','output_compression_quality':80,"
         "'negative_prompt':'n','seed':7,'safety_filter_level':'BLOCK_ONLY_HIGH','person_generation':'ALLOW_ADULT',"
         "'language':'en','add_watermark':false,'labels':{'a':'b'},'image_size':'2K','enhance_prompt':true,"
         "'output_gcs_uri':'gs://o','guidance_scale':7.5,'aspect_ratio':'16:9','include_rai_reason':true}}",
         "POST", "publishers/google/models/imagen-3.0-generate-002:predict",
         "{'instances':[{'prompt':'Robot'}],'parameters':{'sampleCount':1,'includeSafetyAttributes':true,"
         "'outputOptions':{'mimeType':'image/jpeg','compressionQuality':80},'negativePrompt':'n','seed':7,"
         "'safetySetting':'BLOCK_ONLY_HIGH','personGeneration':'ALLOW_ADULT','language':'en','addWatermark':false,"
         "'sampleImageSize':'2K','enhancePrompt':true,'storageUri':'gs://o','guidanceScale':7.5,'aspectRatio':'16:9',"
         "'includeRaiReason':true},'labels':{'a':'b'}}",
         "models.py _GenerateImagesParameters_to_vertex, _GenerateImagesConfig_to_vertex"),
    C_OK(models_generate_images, VX, "{'model':'imagen-4.0-generate-001','prompt':'A cat'}", "POST",
         "publishers/google/models/imagen-4.0-generate-001:predict", "{'instances':[{'prompt':'A cat'}]}",
         "models.py _GenerateImagesParameters_to_vertex"),
    C_ERR(models_generate_images, ML, "{'model':'imagen-3.0-generate-002','prompt':'Robot'}", METHOD_ONLY_VERTEX,
          "models.py Models._generate_images"),

    /* ---------------------------------------------------- models.edit_image */
    /* Image bytes use the standard base64 alphabet (t_bytes). */
    C_OK(models_edit_image, VX,
         "{'model':'imagen-3.0-capability-001','prompt':'Man with dog','reference_images':[{'reference_image':"
         "{'image_bytes':'-_8=','mime_type':'image/png'},'reference_id':1,'reference_type':'REFERENCE_TYPE_RAW'},"
         "{'reference_id':2,'reference_type':'REFERENCE_TYPE_MASK','mask_image_config':{'mask_mode':"
         "'MASK_MODE_FOREGROUND','mask_dilation':0.06,'segmentation_classes':[1,2]}},{'reference_id':3,"
         "'reference_type':'REFERENCE_TYPE_CONTROL','control_image_config':{'control_type':'CONTROL_TYPE_CANNY',"
         "'enable_control_image_computation':true}},{'reference_id':4,'reference_type':'REFERENCE_TYPE_STYLE',"
         "'style_image_config':{'style_description':'s'}},{'reference_id':5,'reference_type':"
         "'REFERENCE_TYPE_SUBJECT','subject_image_config':{'subject_type':'SUBJECT_TYPE_PERSON',"
         "'subject_description':'d'}}],'config':{'edit_mode':'EDIT_MODE_INPAINT_INSERTION','number_of_images':1,"
         "'base_steps':32,'include_rai_reason':true,'output_mime_type':'image/png'}}",
         "POST", "publishers/google/models/imagen-3.0-capability-001:predict",
         "{'instances':[{'prompt':'Man with dog','referenceImages':[{'referenceImage':{'bytesBase64Encoded':'+/8=',"
         "'mimeType':'image/png'},'referenceId':1,'referenceType':'REFERENCE_TYPE_RAW'},{'referenceId':2,"
         "'referenceType':'REFERENCE_TYPE_MASK','maskImageConfig':{'maskMode':'MASK_MODE_FOREGROUND','dilation':0.06,"
         "'maskClasses':[1,2]}},{'referenceId':3,'referenceType':'REFERENCE_TYPE_CONTROL','controlImageConfig':"
         "{'controlType':'CONTROL_TYPE_CANNY','computeControl':true}},{'referenceId':4,'referenceType':"
         "'REFERENCE_TYPE_STYLE','styleImageConfig':{'styleDescription':'s'}},{'referenceId':5,'referenceType':"
         "'REFERENCE_TYPE_SUBJECT','subjectImageConfig':{'subjectType':'SUBJECT_TYPE_PERSON','subjectDescription':"
         "'d'}}]}],'parameters':{'editMode':'EDIT_MODE_INPAINT_INSERTION','sampleCount':1,'editConfig':{'baseSteps':"
         "32},'includeRaiReason':true,'outputOptions':{'mimeType':'image/png'}}}",
         "models.py _EditImageParameters_to_vertex, _EditImageConfig_to_vertex, _ReferenceImageAPI_to_vertex, "
         "_MaskReferenceConfig_to_vertex, _ControlReferenceConfig_to_vertex"),
    C_ERR(models_edit_image, ML, "{'model':'imagen-3.0-capability-001','prompt':'p','reference_images':[]}",
          METHOD_ONLY_VERTEX, "models.py Models._edit_image"),

    /* ------------------------------------------------- models.upscale_image */
    /* The public upscale_image adds mode "upscale" and number_of_images 1. */
    C_OK(models_upscale_image, VX,
         "{'model':'imagen-3.0-generate-002','image':{'gcs_uri':'gs://b/i.png'},'upscale_factor':'x2','config':"
         "{'mode':'upscale','number_of_images':1,'output_mime_type':'image/jpeg','output_compression_quality':90,"
         "'enhance_input_image':true,'image_preservation_factor':0.6,'include_rai_reason':true,'labels':{'a':'b'}}}",
         "POST", "publishers/google/models/imagen-3.0-generate-002:predict",
         "{'instances':[{'image':{'gcsUri':'gs://b/i.png'}}],'parameters':{'upscaleConfig':{'upscaleFactor':'x2',"
         "'enhanceInputImage':true,'imagePreservationFactor':0.6},'mode':'upscale','sampleCount':1,'outputOptions':"
         "{'mimeType':'image/jpeg','compressionQuality':90},'includeRaiReason':true},'labels':{'a':'b'}}",
         "models.py _UpscaleImageAPIParameters_to_vertex, _UpscaleImageAPIConfig_to_vertex; Models.upscale_image"),
    C_ERR(models_upscale_image, ML, "{'model':'imagen-3.0-generate-002','image':{'gcs_uri':'gs://b/i.png'},"
                                    "'upscale_factor':'x2'}",
          METHOD_ONLY_VERTEX, "models.py Models._upscale_image"),

    /* ----------------------------------------------- models.recontext_image */
    C_OK(models_recontext_image, VX,
         "{'model':'imagen-product-recontext-preview-06-30','source':{'prompt':'On a beach','person_image':"
         "{'gcs_uri':'gs://p.png'},'product_images':[{'product_image':{'gcs_uri':'gs://a.png'}}]}}",
         "POST", "publishers/google/models/imagen-product-recontext-preview-06-30:predict",
         "{'instances':[{'prompt':'On a beach','personImage':{'image':{'gcsUri':'gs://p.png'}},'productImages':"
         "[{'image':{'gcsUri':'gs://a.png'}}]}]}",
         "models.py _RecontextImageParameters_to_vertex, _RecontextImageSource_to_vertex"),
    C_OK(models_recontext_image, VX,
         "{'model':'virtual-try-on-preview-08-04','config':{'number_of_images':1,'base_steps':32,'output_gcs_uri':"
         "'gs://o','seed':3,'safety_filter_level':'BLOCK_LOW_AND_ABOVE','person_generation':'ALLOW_ALL',"
         "'add_watermark':true,'output_mime_type':'image/png','output_compression_quality':75,'enhance_prompt':false,"
         "'labels':{'k':'v'}}}",
         "POST", "publishers/google/models/virtual-try-on-preview-08-04:predict",
         "{'parameters':{'sampleCount':1,'baseSteps':32,'storageUri':'gs://o','seed':3,'safetySetting':"
         "'BLOCK_LOW_AND_ABOVE','personGeneration':'ALLOW_ALL','addWatermark':true,'outputOptions':{'mimeType':"
         "'image/png','compressionQuality':75},'enhancePrompt':false},'labels':{'k':'v'}}",
         "models.py _RecontextImageConfig_to_vertex"),
    C_ERR(models_recontext_image, ML, "{'model':'imagen-product-recontext-preview-06-30','source':{'prompt':'p'}}",
          METHOD_ONLY_VERTEX, "models.py Models.recontext_image"),

    /* ------------------------------------------------- models.segment_image */
    C_OK(models_segment_image, VX,
         "{'model':'image-segmentation-001','source':{'prompt':'the cat','image':{'gcs_uri':'gs://i.png'},"
         "'scribble_image':{'image':{'gcs_uri':'gs://s.png'}}}}",
         "POST", "publishers/google/models/image-segmentation-001:predict",
         "{'instances':[{'prompt':'the cat','image':{'gcsUri':'gs://i.png'},'scribble':{'image':{'gcsUri':"
         "'gs://s.png'}}}]}",
         "models.py _SegmentImageParameters_to_vertex, _SegmentImageSource_to_vertex, _ScribbleImage_to_vertex"),
    C_OK(models_segment_image, VX,
         "{'model':'image-segmentation-001','config':{'mode':'PROMPT','max_predictions':3,'confidence_threshold':0.2,"
         "'mask_dilation':0.1,'binary_color_threshold':96,'labels':{'k':'v'}}}",
         "POST", "publishers/google/models/image-segmentation-001:predict",
         "{'parameters':{'mode':'PROMPT','maxPredictions':3,'confidenceThreshold':0.2,'maskDilation':0.1,"
         "'binaryColorThreshold':96.0},'labels':{'k':'v'}}",
         "models.py _SegmentImageConfig_to_vertex"),
    C_ERR(models_segment_image, ML, "{'model':'image-segmentation-001','source':{'prompt':'p'}}", METHOD_ONLY_VERTEX,
          "models.py Models.segment_image"),

    /* ----------------------------------------------------------- models.get */
    C_OK(models_get, ML, "{'model':'gemini-2.0-flash'}", "GET", "models/gemini-2.0-flash", NULL,
         "models.py _GetModelParameters_to_mldev; Models.get"),
    C_OK(models_get, ML, "{'model':'tunedModels/t1'}", "GET", "tunedModels/t1", NULL,
         "models.py _GetModelParameters_to_mldev"),
    C_OK(models_get, VX, "{'model':'gemini-2.0-flash'}", "GET", "publishers/google/models/gemini-2.0-flash", NULL,
         "models.py _GetModelParameters_to_vertex"),
    C_OK(models_get, VX, "{'model':'projects/my-project/locations/us-central1/models/123'}", "GET",
         PRJ "models/123", NULL, "models.py _GetModelParameters_to_vertex"),
    C_ERR(models_get, VX, "{'model':''}", "model is required.", R_T_MODEL),

    /* ---------------------------------------------------------- models.list */
    /* query_base picks the collection (t_models_url); the public list sets it. */
    C_OK(models_list, ML, "{'config':{'query_base':true}}", "GET", "models", NULL,
         "models.py _ListModelsConfig_to_mldev; _transformers.py t_models_url"),
    C_OK(models_list, ML, "{'config':{'query_base':false,'page_size':5,'page_token':'tok en'}}", "GET",
         "tunedModels?pageSize=5&pageToken=tok+en", NULL, "models.py _ListModelsConfig_to_mldev; Models._list"),
    /* The filter goes first and is not encoded. */
    C_OK(models_list, ML, "{'config':{'query_base':true,'page_size':5,'page_token':'t','filter':'a b:c'}}", "GET",
         "models?filter=a b:c&pageSize=5&pageToken=t", NULL, "models.py Models._list"),
    C_OK(models_list, VX, "{'config':{'query_base':true,'page_size':10}}", "GET",
         "publishers/google/models?pageSize=10", NULL, "models.py _ListModelsConfig_to_vertex; t_models_url"),
    C_OK(models_list, VX, "{'config':{'query_base':false,'filter':'labels.tune-type:*','page_size':2}}", "GET",
         "models?filter=labels.tune-type:*&pageSize=2", NULL, "models.py Models._list, Models.list"),

    /* -------------------------------------------------------- models.update */
    C_OK(models_update, ML,
         "{'model':'tunedModels/t1','config':{'display_name':'n','description':'d','default_checkpoint_id':'3'}}",
         "PATCH", "tunedModels/t1", "{'displayName':'n','description':'d','defaultCheckpointId':'3'}",
         "models.py _UpdateModelParameters_to_mldev, _UpdateModelConfig_to_mldev; Models.update"),
    C_OK(models_update, VX, "{'model':'projects/my-project/locations/us-central1/models/123','config':{"
                            "'display_name':'n'}}",
         "PATCH", PRJ "models/123", "{'displayName':'n'}",
         "models.py _UpdateModelParameters_to_vertex; Models.update"),

    /* -------------------------------------------------------- models.delete */
    C_OK(models_delete, ML, "{'model':'tunedModels/t1'}", "DELETE", "tunedModels/t1", NULL,
         "models.py _DeleteModelParameters_to_mldev; Models.delete"),
    C_OK(models_delete, VX, "{'model':'projects/my-project/locations/us-central1/models/123'}", "DELETE",
         PRJ "models/123", NULL, "models.py _DeleteModelParameters_to_vertex"),

    /* -------------------------------------------------- models.count_tokens */
    C_OK(models_count_tokens, ML, "{'model':'gemini-1.5-flash','contents':'Hi'}", "POST",
         "models/gemini-1.5-flash:countTokens", "{'contents':[" HI "]}",
         "models.py _CountTokensParameters_to_mldev; Models.count_tokens"),
    C_OK(models_count_tokens, VX,
         CT("{'system_instruction':'S','tools':[{'google_search':{}}],'generation_config':{'temperature':0.1,"
            "'max_output_tokens':5}}"),
         "POST", "publishers/google/models/gemini-2.0-flash:countTokens",
         "{'contents':[" HI "],'systemInstruction':" USER("S") ",'tools':[{'googleSearch':{}}],'generationConfig':"
         "{'temperature':0.1,'maxOutputTokens':5}}",
         "models.py _CountTokensParameters_to_vertex, _CountTokensConfig_to_vertex"),
    C_ERR(models_count_tokens, ML, CT("{'system_instruction':'S'}"), ONLY_VERTEX("system_instruction"),
          "models.py _CountTokensConfig_to_mldev"),
    C_ERR(models_count_tokens, ML, CT("{'tools':[{'google_search':{}}]}"), ONLY_VERTEX("tools"),
          "models.py _CountTokensConfig_to_mldev"),
    C_ERR(models_count_tokens, ML, CT("{'generation_config':{'temperature':0.1}}"), ONLY_VERTEX("generation_config"),
          "models.py _CountTokensConfig_to_mldev"),
    C_ERR(models_count_tokens, VX, CT("{'generation_config':{'enable_enhanced_civic_answers':true}}"),
          ONLY_MLDEV("enable_enhanced_civic_answers"), "models.py _GenerationConfig_to_vertex"),
    C_ERR(models_count_tokens, VX, CT("{'generation_config':{'translation_config':{'target_language_code':'fr'}}}"),
          ONLY_MLDEV("translation_config"), "models.py _GenerationConfig_to_vertex"),
    C_ERR(models_count_tokens, ML, "{'model':'gemini-1.5-flash','contents':[]}", "contents are required.",
          "_transformers.py t_contents"),

    /* ------------------------------------------------ models.compute_tokens */
    C_OK(models_compute_tokens, VX, "{'model':'gemini-1.5-flash','contents':['a','b']}", "POST",
         "publishers/google/models/gemini-1.5-flash:computeTokens",
         "{'contents':[{'parts':[{'text':'a'},{'text':'b'}],'role':'user'}]}",
         "models.py _ComputeTokensParameters_to_vertex; Models.compute_tokens"),
    C_ERR(models_compute_tokens, ML, "{'model':'gemini-1.5-flash','contents':'Hi'}", METHOD_ONLY_VERTEX,
          "models.py Models.compute_tokens"),

    /* ----------------------------------------------- models.generate_videos */
    C_OK(models_generate_videos, ML,
         "{'model':'veo-2.0-generate-001','prompt':'A cat','image':{'image_bytes':'-_8=','mime_type':'image/png'},"
         "'config':{'number_of_videos':1,'duration_seconds':5,'aspect_ratio':'16:9','resolution':'720p',"
         "'person_generation':'allow_adult','negative_prompt':'dogs','enhance_prompt':true,'last_frame':"
         "{'image_bytes':'AAEC','mime_type':'image/png'},'webhook_config':{'uris':['https://h']}}}",
         "POST", "models/veo-2.0-generate-001:predictLongRunning",
         "{'instances':[{'prompt':'A cat','image':{'bytesBase64Encoded':'+/8=','mimeType':'image/png'},'lastFrame':"
         "{'bytesBase64Encoded':'AAEC','mimeType':'image/png'}}],'parameters':{'sampleCount':1,'durationSeconds':5,"
         "'aspectRatio':'16:9','resolution':'720p','personGeneration':'allow_adult','negativePrompt':'dogs',"
         "'enhancePrompt':true},'webhookConfig':{'uris':['https://h']}}",
         "models.py _GenerateVideosParameters_to_mldev, _GenerateVideosConfig_to_mldev, _Image_to_mldev"),
    C_OK(models_generate_videos, ML,
         "{'model':'veo-3.1-generate-preview','prompt':'extend','video':{'uri':'https://v/x.mp4','video_bytes':'AAEC',"
         "'mime_type':'video/mp4'},'config':{'reference_images':[{'image':{'image_bytes':'AAEC','mime_type':"
         "'image/png'},'reference_type':'ASSET'}]}}",
         "POST", "models/veo-3.1-generate-preview:predictLongRunning",
         "{'instances':[{'prompt':'extend','video':{'uri':'https://v/x.mp4','encodedVideo':'AAEC','encoding':"
         "'video/mp4'},'referenceImages':[{'image':{'bytesBase64Encoded':'AAEC','mimeType':'image/png'},"
         "'referenceType':'ASSET'}]}]}",
         "models.py _Video_to_mldev, _VideoGenerationReferenceImage_to_mldev"),
    /* The source form writes the same instance. */
    C_OK(models_generate_videos, ML,
         "{'model':'veo-2.0-generate-001','source':{'prompt':'A cat','image':{'image_bytes':'AAEC','mime_type':"
         "'image/png'}}}",
         "POST", "models/veo-2.0-generate-001:predictLongRunning",
         "{'instances':[{'prompt':'A cat','image':{'bytesBase64Encoded':'AAEC','mimeType':'image/png'}}]}",
         "models.py _GenerateVideosSource_to_mldev"),
    C_OK(models_generate_videos, VX,
         "{'model':'veo-2.0-generate-001','prompt':'cat','video':{'uri':'gs://v.mp4','mime_type':'video/mp4'},"
         "'config':{'output_gcs_uri':'gs://o','fps':24,'seed':5,'pubsub_topic':'projects/p/topics/t',"
         "'generate_audio':true,'compression_quality':'LOSSLESS','labels':{'a':'b'},'resize_mode':'PAD',"
         "'reference_images':[{'image':{'gcs_uri':'gs://r.png'},'reference_type':'STYLE'}]}}",
         "POST", "publishers/google/models/veo-2.0-generate-001:predictLongRunning",
         "{'instances':[{'prompt':'cat','video':{'gcsUri':'gs://v.mp4','mimeType':'video/mp4'},'referenceImages':"
         "[{'image':{'gcsUri':'gs://r.png'},'referenceType':'STYLE'}]}],'parameters':{'storageUri':'gs://o','fps':24,"
         "'seed':5,'pubsubTopic':'projects/p/topics/t','generateAudio':true,'compressionQuality':'LOSSLESS',"
         "'resizeMode':'PAD'},'labels':{'a':'b'}}",
         "models.py _GenerateVideosParameters_to_vertex, _GenerateVideosConfig_to_vertex, _Video_to_vertex"),
    C_OK(models_generate_videos, VX,
         "{'model':'veo-2.0-generate-001','source':{'prompt':'cat','image':{'gcs_uri':'gs://i.png','mime_type':"
         "'image/png'}}}",
         "POST", "publishers/google/models/veo-2.0-generate-001:predictLongRunning",
         "{'instances':[{'prompt':'cat','image':{'gcsUri':'gs://i.png','mimeType':'image/png'}}]}",
         "models.py _GenerateVideosSource_to_vertex, _Image_to_vertex"),
    /* VideoGenerationMask: the image's fields go into the mask itself (_self). */
    C_OK(models_generate_videos, VX,
         "{'model':'veo-2.0-generate-001','prompt':'cat','config':{'mask':{'image':{'gcs_uri':'gs://m.png',"
         "'mime_type':'image/png'},'mask_mode':'REMOVE'}}}",
         "POST", "publishers/google/models/veo-2.0-generate-001:predictLongRunning",
         "{'instances':[{'prompt':'cat','mask':{'gcsUri':'gs://m.png','mimeType':'image/png','maskMode':'REMOVE'}}]}",
         "models.py _VideoGenerationMask_to_vertex; _common.py set_value_by_path (_self)"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'output_gcs_uri':'gs://o'}}",
          ONLY_VERTEX("output_gcs_uri"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'fps':24}}",
          ONLY_VERTEX("fps"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'seed':1}}",
          ONLY_VERTEX("seed"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML,
          "{'model':'veo-2.0-generate-001','prompt':'p','config':{'pubsub_topic':'projects/p/topics/t'}}",
          ONLY_VERTEX("pubsub_topic"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'generate_audio':true}}",
          ONLY_VERTEX("generate_audio"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML,
          "{'model':'veo-2.0-generate-001','prompt':'p','config':{'mask':{'mask_mode':'INSERT'}}}",
          ONLY_VERTEX("mask"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML,
          "{'model':'veo-2.0-generate-001','prompt':'p','config':{'compression_quality':'OPTIMIZED'}}",
          ONLY_VERTEX("compression_quality"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'labels':{'a':'b'}}}",
          ONLY_VERTEX("labels"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','prompt':'p','config':{'resize_mode':'CROP'}}",
          ONLY_VERTEX("resize_mode"), "models.py _GenerateVideosConfig_to_mldev"),
    C_ERR(models_generate_videos, ML, "{'model':'veo-2.0-generate-001','image':{'gcs_uri':'gs://i.png'}}",
          ONLY_VERTEX("gcs_uri"), "models.py _Image_to_mldev"),
    C_ERR(models_generate_videos, ML,
          "{'model':'veo-2.0-generate-001','prompt':'p','config':{'reference_images':[{'image':{'image_bytes':"
          "'AAEC'},'reference_type':'STYLE'}]}}",
          "STYLE enum value is only supported in Gemini Enterprise Agent Platform mode, not in Gemini Developer API "
          "mode.",
          "models.py _VideoGenerationReferenceType_to_mldev_enum_validate"),
    C_ERR(models_generate_videos, VX,
          "{'model':'veo-2.0-generate-001','prompt':'p','config':{'webhook_config':{'uris':['https://h']}}}",
          ONLY_MLDEV("webhook_config"), "models.py _GenerateVideosConfig_to_vertex"),

    /* --------------------------------------------------------- caches.create */
    /* Timestamps are sent as given. (Python parses them into datetimes and
     * sends isoformat(): "2025-01-01T00:00:00+00:00" for "...Z"; both are
     * RFC 3339 for the same instant, so this table keeps the given text.) */
    C_OK(caches_create, ML,
         "{'model':'gemini-2.0-flash','config':{'ttl':'3600s','display_name':'d','contents':['a','b'],"
         "'system_instruction':'Be nice','tools':[{'code_execution':{}}],'tool_config':{'function_calling_config':"
         "{'mode':'NONE'}}}}",
         "POST", "cachedContents",
         "{'model':'models/gemini-2.0-flash','ttl':'3600s','displayName':'d','contents':[{'parts':[{'text':'a'},"
         "{'text':'b'}],'role':'user'}],'systemInstruction':" USER("Be nice") ",'tools':[{'codeExecution':{}}],"
         "'toolConfig':{'functionCallingConfig':{'mode':'NONE'}}}",
         "caches.py _CreateCachedContentParameters_to_mldev, _CreateCachedContentConfig_to_mldev; "
         "_transformers.py t_caches_model"),
    C_OK(caches_create, VX,
         "{'model':'gemini-2.0-flash','config':{'expire_time':'2025-01-01T00:00:00Z','contents':'a','kms_key_name':"
         "'projects/p/locations/l/keyRings/r/cryptoKeys/k'}}",
         "POST", "cachedContents",
         "{'model':'" PRJ "publishers/google/models/gemini-2.0-flash','expireTime':'2025-01-01T00:00:00Z',"
         "'contents':[" USER("a") "],'encryption_spec':{'kmsKeyName':'projects/p/locations/l/keyRings/r/cryptoKeys/k'}}",
         "caches.py _CreateCachedContentConfig_to_vertex; _transformers.py t_caches_model"),
    C_OK(caches_create, VX, "{'model':'models/gemini-2.0-flash'}", "POST", "cachedContents",
         "{'model':'" PRJ "publishers/google/models/gemini-2.0-flash'}", "_transformers.py t_caches_model"),
    C_OK(caches_create, VX, "{'model':'publishers/google/models/gemini-2.0-flash'}", "POST", "cachedContents",
         "{'model':'" PRJ "publishers/google/models/gemini-2.0-flash'}", "_transformers.py t_caches_model"),
    C_OK(caches_create, VX, "{'model':'projects/p/locations/l/publishers/google/models/m'}", "POST", "cachedContents",
         "{'model':'projects/p/locations/l/publishers/google/models/m'}", "_transformers.py t_caches_model"),
    C_ERR(caches_create, ML, "{'model':'gemini-2.0-flash','config':{'kms_key_name':'k'}}", ONLY_VERTEX("kms_key_name"),
          "caches.py _CreateCachedContentConfig_to_mldev"),
    C_ERR(caches_create, ML, "{'config':{'ttl':'60s'}}", "model is required.", "caches.py Caches.create"),

    /* ------------------------------------------------------------ caches.get */
    /* t_cached_content_name (_resource_name, collection cachedContents). */
    C_OK(caches_get, ML, "{'name':'abc'}", "GET", "cachedContents/abc", NULL,
         "caches.py _GetCachedContentParameters_to_mldev; _transformers.py _resource_name"),
    C_OK(caches_get, ML, "{'name':'cachedContents/abc'}", "GET", "cachedContents/abc", NULL,
         "_transformers.py _resource_name"),
    C_OK(caches_get, ML, "{'name':'a/b/c'}", "GET", "a/b/c", NULL, "_transformers.py _resource_name"),
    C_OK(caches_get, VX, "{'name':'abc'}", "GET", PRJ "cachedContents/abc", NULL,
         "caches.py _GetCachedContentParameters_to_vertex; _transformers.py _resource_name"),
    C_OK(caches_get, VX, "{'name':'cachedContents/abc'}", "GET", PRJ "cachedContents/abc", NULL,
         "_transformers.py _resource_name"),
    C_OK(caches_get, VX, "{'name':'locations/europe-west4/cachedContents/abc'}", "GET",
         "projects/my-project/locations/europe-west4/cachedContents/abc", NULL, "_transformers.py _resource_name"),
    C_OK(caches_get, VX, "{'name':'projects/p/locations/l/cachedContents/abc'}", "GET",
         "projects/p/locations/l/cachedContents/abc", NULL, "_transformers.py _resource_name"),

    /* --------------------------------------------------------- caches.delete */
    C_OK(caches_delete, ML, "{'name':'abc'}", "DELETE", "cachedContents/abc", NULL,
         "caches.py _DeleteCachedContentParameters_to_mldev; Caches.delete"),
    C_OK(caches_delete, VX, "{'name':'cachedContents/abc'}", "DELETE", PRJ "cachedContents/abc", NULL,
         "caches.py _DeleteCachedContentParameters_to_vertex"),

    /* --------------------------------------------------------- caches.update */
    C_OK(caches_update, ML, "{'name':'cachedContents/abc','config':{'ttl':'7200s'}}", "PATCH", "cachedContents/abc",
         "{'ttl':'7200s'}", "caches.py _UpdateCachedContentParameters_to_mldev, _UpdateCachedContentConfig_to_mldev"),
    C_OK(caches_update, VX, "{'name':'abc','config':{'expire_time':'2030-01-01T00:00:00Z'}}", "PATCH",
         PRJ "cachedContents/abc", "{'expireTime':'2030-01-01T00:00:00Z'}",
         "caches.py _UpdateCachedContentConfig_to_vertex"),

    /* ----------------------------------------------------------- caches.list */
    C_OK(caches_list, ML, "{'config':{'page_size':2,'page_token':'p/q'}}", "GET",
         "cachedContents?pageSize=2&pageToken=p%2Fq", NULL,
         "caches.py _ListCachedContentsConfig_to_mldev; Caches._list (urlencode)"),
    C_OK(caches_list, VX, "{}", "GET", "cachedContents", NULL, "caches.py _ListCachedContentsParameters_to_vertex"),

    /* -------------------------------------------------------- batches.create */
    C_OK(batches_create, ML,
         "{'model':'gemini-2.0-flash','src':{'inlined_requests':[{'contents':'Hi','metadata':{'k':'v'},'config':"
         "{'temperature':0.5}},{'model':'gemini-2.5-flash','contents':'Bye'}]},'config':{'display_name':'d',"
         "'webhook_config':{'uris':['https://x']}}}",
         "POST", "models/gemini-2.0-flash:batchGenerateContent",
         "{'batch':{'displayName':'d','inputConfig':{'requests':{'requests':[{'request':{'contents':[" HI "],"
         "'generationConfig':{'temperature':0.5}},'metadata':{'k':'v'}},{'request':{'model':"
         "'models/gemini-2.5-flash','contents':[" USER("Bye") "]}}]}},'webhookConfig':{'uris':['https://x']}}}",
         "batches.py _CreateBatchJobParameters_to_mldev, _BatchJobSource_to_mldev, _InlinedRequest_to_mldev, "
         "_CreateBatchJobConfig_to_mldev"),
    /* An inlined request's request-level config fields go into its request. */
    C_OK(batches_create, ML,
         "{'model':'gemini-2.0-flash','src':{'inlined_requests':[{'contents':'Hi','config':{'system_instruction':'S',"
         "'temperature':0.5}}]}}",
         "POST", "models/gemini-2.0-flash:batchGenerateContent",
         "{'batch':{'inputConfig':{'requests':{'requests':[{'request':{'contents':[" HI "],'systemInstruction':"
         USER("S") ",'generationConfig':{'temperature':0.5}}}]}}}}",
         "batches.py _InlinedRequest_to_mldev (parent_object = request)"),
    C_OK(batches_create, ML, "{'model':'gemini-2.0-flash','src':{'file_name':'files/abc'}}", "POST",
         "models/gemini-2.0-flash:batchGenerateContent", "{'batch':{'inputConfig':{'fileName':'files/abc'}}}",
         "batches.py _BatchJobSource_to_mldev"),
    C_OK(batches_create, VX,
         "{'model':'gemini-2.0-flash','src':{'format':'jsonl','gcs_uri':['gs://b/in.jsonl']},'config':{"
         "'display_name':'d','dest':{'format':'jsonl','gcs_uri':'gs://b/out'}}}",
         "POST", "batchPredictionJobs",
         "{'model':'publishers/google/models/gemini-2.0-flash','inputConfig':{'instancesFormat':'jsonl','gcsSource':"
         "{'uris':['gs://b/in.jsonl']}},'displayName':'d','outputConfig':{'predictionsFormat':'jsonl',"
         "'gcsDestination':{'outputUriPrefix':'gs://b/out'}}}",
         "batches.py _CreateBatchJobParameters_to_vertex, _BatchJobSource_to_vertex, _BatchJobDestination_to_vertex"),
    C_OK(batches_create, VX,
         "{'model':'gemini-2.0-flash','src':{'format':'bigquery','bigquery_uri':'bq://p.d.t'},'config':{'dest':"
         "{'format':'bigquery','bigquery_uri':'bq://p.d.o'}}}",
         "POST", "batchPredictionJobs",
         "{'model':'publishers/google/models/gemini-2.0-flash','inputConfig':{'instancesFormat':'bigquery',"
         "'bigquerySource':{'inputUri':'bq://p.d.t'}},'outputConfig':{'predictionsFormat':'bigquery',"
         "'bigqueryDestination':{'outputUri':'bq://p.d.o'}}}",
         "batches.py _BatchJobSource_to_vertex, _BatchJobDestination_to_vertex"),
    C_OK(batches_create, VX,
         "{'model':'gemini-2.0-flash','src':{'format':'vertex-dataset','vertex_dataset_name':"
         "'projects/p/locations/l/datasets/d'},'config':{'dest':{'vertex_dataset':{'bigquery_destination':"
         "'bq://p.d.o','display_name':'n'}}}}",
         "POST", "batchPredictionJobs",
         "{'model':'publishers/google/models/gemini-2.0-flash','inputConfig':{'instancesFormat':'vertex-dataset',"
         "'vertexMultimodalDatasetSource':{'datasetName':'projects/p/locations/l/datasets/d'}},'outputConfig':"
         "{'vertexMultimodalDatasetDestination':{'bigqueryDestination':{'outputUri':'bq://p.d.o'},'displayName':"
         "'n'}}}",
         "batches.py _BatchJobSource_to_vertex, _VertexMultimodalDatasetDestination_to_vertex"),
    C_ERR(batches_create, ML, "{'model':'gemini-2.0-flash','src':{'file_name':'files/a'},'config':{'dest':{"
                              "'gcs_uri':'gs://o'}}}",
          ONLY_VERTEX("dest"), "batches.py _CreateBatchJobConfig_to_mldev"),
    C_ERR(batches_create, ML, "{'model':'gemini-2.0-flash','src':{'format':'jsonl','file_name':'files/a'}}",
          ONLY_VERTEX("format"), "batches.py _BatchJobSource_to_mldev"),
    /* t_batch_job_source: exactly one source the backend supports. */
    C_ERR(batches_create, ML, "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://b/in.jsonl']}}",
          "Exactly one of `inlined_requests`, `file_name`, `inlined_embed_content_requests`, or "
          "`embed_content_file_name` must be set, other sources are not supported in Gemini API.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, ML, "{'model':'gemini-2.0-flash','src':{'bigquery_uri':'bq://p.d.t'}}",
          "Exactly one of `inlined_requests`, `file_name`, `inlined_embed_content_requests`, or "
          "`embed_content_file_name` must be set, other sources are not supported in Gemini API.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, ML,
          "{'model':'gemini-2.0-flash','src':{'vertex_dataset_name':'projects/p/locations/l/datasets/d'}}",
          "Exactly one of `inlined_requests`, `file_name`, `inlined_embed_content_requests`, or "
          "`embed_content_file_name` must be set, other sources are not supported in Gemini API.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, ML,
          "{'model':'gemini-2.0-flash','src':{'file_name':'files/a','inlined_requests':[{'contents':'Hi'}]}}",
          "Exactly one of `inlined_requests`, `file_name`, `inlined_embed_content_requests`, or "
          "`embed_content_file_name` must be set, other sources are not supported in Gemini API.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, VX, "{'model':'gemini-2.0-flash','src':{'file_name':'files/a'}}",
          "Exactly one of `gcs_uri` or `bigquery_uri`, or `vertex_dataset_name` must be set, other sources are not "
          "supported in Gemini Enterprise Agent Platform.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, VX, "{'model':'gemini-2.0-flash','src':{'inlined_requests':[{'contents':'Hi'}]}}",
          "Exactly one of `gcs_uri` or `bigquery_uri`, or `vertex_dataset_name` must be set, other sources are not "
          "supported in Gemini Enterprise Agent Platform.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, VX, "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://a'],'bigquery_uri':'bq://p.d.t'}}",
          "Exactly one of `gcs_uri` or `bigquery_uri`, or `vertex_dataset_name` must be set, other sources are not "
          "supported in Gemini Enterprise Agent Platform.",
          "_transformers.py t_batch_job_source"),
    C_ERR(batches_create, VX,
          "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://a']},'config':{'webhook_config':{'uris':['https://x']}}}",
          ONLY_MLDEV("webhook_config"), "batches.py _CreateBatchJobConfig_to_vertex"),
    C_ERR(batches_create, VX,
          "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://a']},'config':{'dest':{'file_name':'files/o'}}}",
          ONLY_MLDEV("file_name"), "batches.py _BatchJobDestination_to_vertex"),
    C_ERR(batches_create, VX,
          "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://a']},'config':{'dest':{'inlined_responses':[{}]}}}",
          ONLY_MLDEV("inlined_responses"), "batches.py _BatchJobDestination_to_vertex"),
    C_ERR(batches_create, VX,
          "{'model':'gemini-2.0-flash','src':{'gcs_uri':['gs://a']},'config':{'dest':"
          "{'inlined_embed_content_responses':[{}]}}}",
          ONLY_MLDEV("inlined_embed_content_responses"), "batches.py _BatchJobDestination_to_vertex"),
    C_ERR(batches_create, ML, "{'src':{'file_name':'files/a'}}", "model is required.", "_transformers.py t_model"),

    /* --------------------------------------------- batches.create_embeddings */
    C_OK(batches_create_embeddings, ML, "{'model':'gemini-embedding-001','src':{'file_name':'files/x'}}", "POST",
         "models/gemini-embedding-001:asyncBatchEmbedContent", "{'batch':{'inputConfig':{'file_name':'files/x'}}}",
         "batches.py _CreateEmbeddingsBatchJobParameters_to_mldev, _EmbeddingsBatchJobSource_to_mldev"),
    C_OK(batches_create_embeddings, ML,
         "{'model':'gemini-embedding-001','src':{'inlined_requests':{'contents':['a','b'],'config':"
         "{'output_dimensionality':8,'task_type':'CLUSTERING'}}},'config':{'display_name':'d'}}",
         "POST", "models/gemini-embedding-001:asyncBatchEmbedContent",
         "{'batch':{'displayName':'d','inputConfig':{'requests':{'requests':[{'request':{'content':" USER("a")
         ",'outputDimensionality':8,'taskType':'CLUSTERING'}},{'request':{'content':" USER("b")
         ",'outputDimensionality':8,'taskType':'CLUSTERING'}}]}}}}",
         "batches.py _EmbedContentBatch_to_mldev (movev requests[].* -> requests[].request.*), "
         "_EmbedContentConfig_to_mldev"),
    C_ERR(batches_create_embeddings, ML,
          "{'model':'gemini-embedding-001','src':{'inlined_requests':{'contents':['a'],'config':{'auto_truncate':"
          "true}}}}",
          ONLY_VERTEX("auto_truncate"), "batches.py _EmbedContentConfig_to_mldev"),
    C_ERR(batches_create_embeddings, VX, "{'model':'gemini-embedding-001','src':{'file_name':'files/x'}}",
          METHOD_ONLY_MLDEV, "batches.py Batches._create_embeddings"),

    /* ----------------------------------------------------------- batches.get */
    /* t_batch_job_name. */
    C_OK(batches_get, ML, "{'name':'batches/123'}", "GET", "batches/123", NULL,
         "batches.py _GetBatchJobParameters_to_mldev; _transformers.py t_batch_job_name"),
    C_OK(batches_get, VX, "{'name':'projects/p/locations/l/batchPredictionJobs/456'}", "GET",
         "batchPredictionJobs/456", NULL, "batches.py _GetBatchJobParameters_to_vertex; t_batch_job_name"),
    C_OK(batches_get, VX, "{'name':'456'}", "GET", "batchPredictionJobs/456", NULL, "_transformers.py t_batch_job_name"),
    C_ERR(batches_get, ML, "{'name':'123'}", "Invalid batch job name: 123.", "_transformers.py t_batch_job_name"),
    /* re.match anchors at the start of the name. */
    C_ERR(batches_get, ML, "{'name':'projects/p/batches/123'}", "Invalid batch job name: projects/p/batches/123.",
          "_transformers.py t_batch_job_name (re.match)"),
    C_ERR(batches_get, VX, "{'name':'batches/123'}", "Invalid batch job name: batches/123.",
          "_transformers.py t_batch_job_name"),
    C_ERR(batches_get, VX, "{'name':'projects/p/locations/l/batchPredictionJobs/4/x'}",
          "Invalid batch job name: projects/p/locations/l/batchPredictionJobs/4/x.", "_transformers.py t_batch_job_name"),
    C_ERR(batches_get, ML, "{}", "name is required.", "batches.py Batches.get"),

    /* -------------------------------------------------------- batches.cancel */
    C_OK(batches_cancel, ML, "{'name':'batches/123'}", "POST", "batches/123:cancel", NULL,
         "batches.py _CancelBatchJobParameters_to_mldev; Batches.cancel"),
    C_OK(batches_cancel, VX, "{'name':'789'}", "POST", "batchPredictionJobs/789:cancel", NULL,
         "batches.py _CancelBatchJobParameters_to_vertex"),
    C_ERR(batches_cancel, VX, "{'name':'abc'}", "Invalid batch job name: abc.", "_transformers.py t_batch_job_name"),

    /* ---------------------------------------------------------- batches.list */
    C_OK(batches_list, ML, "{'config':{'page_size':10,'page_token':'t'}}", "GET", "batches?pageSize=10&pageToken=t",
         NULL, "batches.py _ListBatchJobsConfig_to_mldev; Batches._list"),
    C_OK(batches_list, VX, "{'config':{'page_size':10,'page_token':'t','filter':'state=JOB_STATE_RUNNING'}}", "GET",
         "batchPredictionJobs?pageSize=10&pageToken=t&filter=state%3DJOB_STATE_RUNNING", NULL,
         "batches.py _ListBatchJobsConfig_to_vertex"),
    C_ERR(batches_list, ML, "{'config':{'filter':'state=JOB_STATE_RUNNING'}}", ONLY_VERTEX("filter"),
          "batches.py _ListBatchJobsConfig_to_mldev"),

    /* -------------------------------------------------------- batches.delete */
    C_OK(batches_delete, ML, "{'name':'batches/123'}", "DELETE", "batches/123", NULL,
         "batches.py _DeleteBatchJobParameters_to_mldev; Batches.delete"),
    C_OK(batches_delete, VX, "{'name':'projects/p/locations/l/batchPredictionJobs/456'}", "DELETE",
         "batchPredictionJobs/456", NULL, "batches.py _DeleteBatchJobParameters_to_vertex"),
    C_ERR(batches_delete, ML, "{'name':'b/1'}", "Invalid batch job name: b/1.", "_transformers.py t_batch_job_name"),

    /* ----------------------------------------------------------- tunings.get */
    C_OK(tunings_get, ML, "{'name':'tunedModels/t1'}", "GET", "tunedModels/t1", NULL,
         "tunings.py _GetTuningJobParameters_to_mldev; Tunings._get"),
    C_OK(tunings_get, VX, "{'name':'projects/p/locations/l/tuningJobs/123'}", "GET",
         "projects/p/locations/l/tuningJobs/123", NULL, "tunings.py _GetTuningJobParameters_to_vertex"),

    /* ---------------------------------------------------------- tunings.list */
    C_OK(tunings_list, VX, "{'config':{'page_size':5,'page_token':'t','filter':'state=JOB_STATE_SUCCEEDED'}}", "GET",
         "tuningJobs?pageSize=5&pageToken=t&filter=state%3DJOB_STATE_SUCCEEDED", NULL,
         "tunings.py _ListTuningJobsConfig_to_vertex; Tunings._list"),
    C_ERR(tunings_list, ML, "{}", METHOD_ONLY_VERTEX, "tunings.py Tunings._list"),

    /* -------------------------------------------------------- tunings.cancel */
    C_OK(tunings_cancel, ML, "{'name':'tunedModels/t1'}", "POST", "tunedModels/t1:cancel", NULL,
         "tunings.py _CancelTuningJobParameters_to_mldev; Tunings.cancel"),
    C_OK(tunings_cancel, VX, "{'name':'projects/p/locations/l/tuningJobs/123'}", "POST",
         "projects/p/locations/l/tuningJobs/123:cancel", NULL, "tunings.py _CancelTuningJobParameters_to_vertex"),

    /* ---------------------------------------------------------- tunings.tune */
    /* Vertex AI: the method (default supervised) picks the spec. */
    C_OK(tunings_tune, VX,
         "{'base_model':'gemini-2.5-flash','training_dataset':{'gcs_uri':'gs://b/train.jsonl'},'config':"
         "{'tuned_model_display_name':'my','description':'d','epoch_count':3,'learning_rate_multiplier':1.0,"
         "'adapter_size':'ADAPTER_SIZE_FOUR','validation_dataset':{'gcs_uri':'gs://b/val.jsonl'},"
         "'export_last_checkpoint_only':true,'labels':{'k':'v'}}}",
         "POST", "tuningJobs",
         "{'baseModel':'gemini-2.5-flash','supervisedTuningSpec':{'trainingDatasetUri':'gs://b/train.jsonl',"
         "'validationDatasetUri':'gs://b/val.jsonl','hyperParameters':{'epochCount':3,'learningRateMultiplier':1.0,"
         "'adapterSize':'ADAPTER_SIZE_FOUR'},'exportLastCheckpointOnly':true},'tunedModelDisplayName':'my',"
         "'description':'d','labels':{'k':'v'}}",
         "tunings.py _CreateTuningJobParametersPrivate_to_vertex, _TuningDataset_to_vertex, "
         "_CreateTuningJobConfig_to_vertex (SUPERVISED_FINE_TUNING)"),
    C_OK(tunings_tune, VX,
         "{'base_model':'gemini-2.5-flash','training_dataset':{'vertex_dataset_resource':"
         "'projects/p/locations/l/datasets/1'},'config':{'method':'PREFERENCE_TUNING','beta':0.1,'epoch_count':2}}",
         "POST", "tuningJobs",
         "{'baseModel':'gemini-2.5-flash','preferenceOptimizationSpec':{'trainingDatasetUri':"
         "'projects/p/locations/l/datasets/1','hyperParameters':{'epochCount':2,'beta':0.1}}}",
         "tunings.py _TuningDataset_to_vertex, _CreateTuningJobConfig_to_vertex (PREFERENCE_TUNING)"),
    C_OK(tunings_tune, VX,
         "{'base_model':'gemini-2.5-flash','training_dataset':{'gcs_uri':'gs://b/prompts.jsonl'},'config':{'method':"
         "'DISTILLATION','base_teacher_model':'gemini-2.5-pro','epoch_count':1}}",
         "POST", "tuningJobs",
         "{'baseModel':'gemini-2.5-flash','distillationSpec':{'promptDatasetUri':'gs://b/prompts.jsonl',"
         "'hyperParameters':{'epochCount':1},'baseTeacherModel':'gemini-2.5-pro'}}",
         "tunings.py _TuningDataset_to_vertex, _CreateTuningJobConfig_to_vertex (DISTILLATION)"),
    /* tune() turns a projects/ base model into a pre-tuned model. */
    C_OK(tunings_tune, VX,
         "{'pre_tuned_model':{'tuned_model_name':'projects/p/locations/l/models/123','checkpoint_id':'2'},"
         "'training_dataset':{'gcs_uri':'gs://t'},'config':{'custom_base_model':'cbm','output_uri':'gs://out'}}",
         "POST", "tuningJobs",
         "{'preTunedModel':{'tunedModelName':'projects/p/locations/l/models/123','checkpointId':'2'},"
         "'supervisedTuningSpec':{'trainingDatasetUri':'gs://t'},'customBaseModel':'cbm','outputUri':'gs://out'}",
         "tunings.py _CreateTuningJobParametersPrivate_to_vertex; Tunings.tune"),
    C_ERR(tunings_tune, VX,
          "{'base_model':'gemini-2.5-flash','training_dataset':{'examples':[{'text_input':'a','output':'b'}]}}",
          ONLY_MLDEV("examples"), "tunings.py _TuningDataset_to_vertex"),
    C_ERR(tunings_tune, ML, "{'base_model':'gemini-2.5-flash','training_dataset':{'gcs_uri':'gs://t'}}",
          METHOD_ONLY_VERTEX, "tunings.py Tunings._tune"),

    /* ---------------------------------------------------- tunings.tune_mldev */
    /* A deliberate difference (docs/types.md): the Python SDK drops the
     * examples (its dataset converter's result is not used) and
     * learning_rate_multiplier (written to the config's own, discarded
     * object), which leaves the Gemini API nothing to tune on. genai-c sends
     * both where the Gemini API's TunedModel has them. */
    C_OK(tunings_tune_mldev, ML,
         "{'base_model':'models/gemini-1.5-flash-001-tuning','training_dataset':{'examples':[{'text_input':'a',"
         "'output':'b'}]},'config':{'tuned_model_display_name':'t','epoch_count':2,'batch_size':4,'learning_rate':"
         "0.001,'learning_rate_multiplier':1.5}}",
         "POST", "tunedModels",
         "{'baseModel':'models/gemini-1.5-flash-001-tuning','displayName':'t','tuningTask':{'hyperparameters':"
         "{'epochCount':2,'batchSize':4,'learningRate':0.001,'learningRateMultiplier':1.5},'trainingData':"
         "{'examples':{'examples':[{'textInput':'a','output':'b'}]}}}}",
         "genai-c's deliberate difference from tunings.py _CreateTuningJobParametersPrivate_to_mldev, "
         "_TuningDataset_to_mldev, _CreateTuningJobConfig_to_mldev"),
    C_ERR(tunings_tune_mldev, VX, "{'base_model':'models/x','training_dataset':{}}", METHOD_ONLY_MLDEV,
          "tunings.py Tunings._tune_mldev"),
    C_ERR(tunings_tune_mldev, ML, "{'base_model':'m','training_dataset':{'gcs_uri':'gs://t'}}", ONLY_VERTEX("gcs_uri"),
          "tunings.py _TuningDataset_to_mldev"),
    C_ERR(tunings_tune_mldev, ML, "{'base_model':'m','training_dataset':{'vertex_dataset_resource':'r'}}",
          ONLY_VERTEX("vertex_dataset_resource"), "tunings.py _TuningDataset_to_mldev"),
#define TUNE_ML(cfg) "{'base_model':'models/m','training_dataset':{},'config':" cfg "}"
#define R_TUNE_ML "tunings.py _CreateTuningJobConfig_to_mldev"
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'validation_dataset':{'gcs_uri':'gs://v'}}"),
          ONLY_VERTEX("validation_dataset"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'description':'d'}"), ONLY_VERTEX("description"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'export_last_checkpoint_only':true}"),
          ONLY_VERTEX("export_last_checkpoint_only"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'pre_tuned_model_checkpoint_id':'1'}"),
          ONLY_VERTEX("pre_tuned_model_checkpoint_id"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'adapter_size':'ADAPTER_SIZE_ONE'}"), ONLY_VERTEX("adapter_size"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'tuning_mode':'TUNING_MODE_FULL'}"), ONLY_VERTEX("tuning_mode"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'custom_base_model':'c'}"), ONLY_VERTEX("custom_base_model"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'evaluation_config':{'metrics':[{}]}}"),
          ONLY_VERTEX("evaluation_config"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'labels':{'a':'b'}}"), ONLY_VERTEX("labels"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'beta':0.5}"), ONLY_VERTEX("beta"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'base_teacher_model':'m'}"), ONLY_VERTEX("base_teacher_model"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'tuned_teacher_model_source':'m'}"),
          ONLY_VERTEX("tuned_teacher_model_source"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'sft_loss_weight_multiplier':0.5}"),
          ONLY_VERTEX("sft_loss_weight_multiplier"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'output_uri':'gs://o'}"), ONLY_VERTEX("output_uri"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'encryption_spec':{'kms_key_name':'k'}}"), ONLY_VERTEX("encryption_spec"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'reward_config':{'reward_name':'r'}}"), ONLY_VERTEX("reward_config"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'composite_reward_config':{}}"), ONLY_VERTEX("composite_reward_config"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'samples_per_prompt':4}"), ONLY_VERTEX("samples_per_prompt"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'evaluate_interval':4}"), ONLY_VERTEX("evaluate_interval"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'checkpoint_interval':4}"), ONLY_VERTEX("checkpoint_interval"),
          R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'max_output_tokens':4}"), ONLY_VERTEX("max_output_tokens"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'thinking_level':'HIGH'}"), ONLY_VERTEX("thinking_level"), R_TUNE_ML),
    C_ERR(tunings_tune_mldev, ML, TUNE_ML("{'validation_dataset_uri':'gs://v'}"),
          ONLY_VERTEX("validation_dataset_uri"), R_TUNE_ML),
#undef TUNE_ML
#undef R_TUNE_ML

    /* ----------------------------------------------- tunings.validate_reward */
    C_OK(tunings_validate_reward, VX,
         "{'parent':'projects/p/locations/l','sample_response':{'role':'model','parts':[{'text':'a'}]},'example':"
         "{'contents':[" USER("q") "],'references':{'r':'v'},'system_instruction':{'parts':[{'text':'s'}]}},"
         "'single_reward_config':{'reward_name':'n'}}",
         "POST", "projects/p/locations/l/tuningJobs:validateReinforcementTuningReward",
         "{'sampleResponse':{'parts':[{'text':'a'}],'role':'model'},'example':{'contents':[" USER("q") "],"
         "'references':{'r':'v'},'systemInstruction':{'parts':[{'text':'s'}]}},'singleRewardConfig':{'rewardName':"
         "'n'}}",
         "tunings.py _ValidateRewardParameters_to_vertex, _ReinforcementTuningExample_to_vertex; "
         "Tunings.validate_reward"),
    C_ERR(tunings_validate_reward, ML, "{'parent':'p'}", METHOD_ONLY_VERTEX, "tunings.py Tunings.validate_reward"),

    /* ------------------------------------------------------------ files.list */
    C_OK(files_list, ML, "{'config':{'page_size':10,'page_token':'tok'}}", "GET", "files?pageSize=10&pageToken=tok",
         NULL, "files.py _ListFilesParameters_to_mldev, _ListFilesConfig_to_mldev; Files._list"),
    C_OK(files_list, ML, "{}", "GET", "files", NULL, "files.py Files._list"),
    C_ERR(files_list, VX, "{}", METHOD_ONLY_MLDEV, "files.py Files._list"),

    /* ---------------------------------------------------------- files.create */
    /* int64 size_bytes is a JSON string here (docs/conventions.md). */
    C_OK(files_create, ML,
         "{'file':{'name':'files/abc','display_name':'D','mime_type':'text/plain','size_bytes':12}}", "POST",
         "upload/v1beta/files", "{'file':{'name':'files/abc','displayName':'D','mimeType':'text/plain',"
         "'sizeBytes':'12'}}",
         "files.py _CreateFileParameters_to_mldev; Files._create"),
    C_ERR(files_create, VX, "{'file':{'mime_type':'text/plain'}}", METHOD_ONLY_MLDEV, "files.py Files._create"),

    /* ------------------------------------------------------------- files.get */
    /* t_file_name. */
    C_OK(files_get, ML, "{'name':'files/abc'}", "GET", "files/abc", NULL,
         "files.py _GetFileParameters_to_mldev; _transformers.py t_file_name"),
    C_OK(files_get, ML, "{'name':'abc'}", "GET", "files/abc", NULL, "_transformers.py t_file_name"),
    C_OK(files_get, ML, "{'name':'https://generativelanguage.googleapis.com/v1beta/files/abc123:download?alt=media'}",
         "GET", "files/abc123", NULL, "_transformers.py t_file_name"),
    C_ERR(files_get, ML, "{'name':'https://generativelanguage.googleapis.com/v1beta/files/-x'}",
          "Could not extract file name from URI: https://generativelanguage.googleapis.com/v1beta/files/-x",
          "_transformers.py t_file_name"),
    C_ERR(files_get, VX, "{'name':'files/abc'}", METHOD_ONLY_MLDEV, "files.py Files.get"),

    /* ---------------------------------------------------------- files.delete */
    C_OK(files_delete, ML, "{'name':'files/abc'}", "DELETE", "files/abc", NULL,
         "files.py _DeleteFileParameters_to_mldev; Files.delete"),
    C_OK(files_delete, ML, "{'name':'https://generativelanguage.googleapis.com/download/v1beta/files/xyz9:download'}",
         "DELETE", "files/xyz9", NULL, "_transformers.py t_file_name"),
    C_ERR(files_delete, VX, "{'name':'files/abc'}", METHOD_ONLY_MLDEV, "files.py Files.delete"),

    /* -------------------------------------------------- files.register_files */
    C_OK(files_register_files, ML, "{'uris':['gs://b/a.pdf','gs://b/c.txt']}", "POST", "files:register",
         "{'uris':['gs://b/a.pdf','gs://b/c.txt']}",
         "files.py _InternalRegisterFilesParameters_to_mldev; Files._register_files"),
    C_ERR(files_register_files, VX, "{'uris':['gs://b/a.pdf']}", METHOD_ONLY_MLDEV, "files.py Files._register_files"),

    /* --------------------------------------- operations.get_videos_operation */
    C_OK(operations_get_videos_operation, ML, "{'operation_name':'models/veo-2.0-generate-001/operations/abc'}", "GET",
         "models/veo-2.0-generate-001/operations/abc", NULL,
         "operations.py _GetOperationParameters_to_mldev; Operations._get_videos_operation"),
    C_OK(operations_get_videos_operation, VX,
         "{'operation_name':'projects/p/locations/l/publishers/google/models/veo/operations/abc'}", "GET",
         "projects/p/locations/l/publishers/google/models/veo/operations/abc", NULL,
         "operations.py _GetOperationParameters_to_vertex"),

    /* ------------------------------- operations.fetch_predict_videos_operation */
    C_OK(operations_fetch_predict_videos_operation, VX,
         "{'operation_name':'projects/p/locations/l/publishers/google/models/veo/operations/abc','resource_name':"
         "'projects/p/locations/l/publishers/google/models/veo'}",
         "POST", "projects/p/locations/l/publishers/google/models/veo:fetchPredictOperation",
         "{'operationName':'projects/p/locations/l/publishers/google/models/veo/operations/abc'}",
         "operations.py _FetchPredictOperationParameters_to_vertex; Operations.get"),
    C_ERR(operations_fetch_predict_videos_operation, ML, "{'operation_name':'o','resource_name':'r'}",
          METHOD_ONLY_VERTEX, "operations.py Operations._fetch_predict_videos_operation"),

    /* ------------------------------------------------------- operations.get */
    C_OK(operations_get, VX, "{'operation_id':'123'}", "GET", "operations/123", NULL,
         "operations.py _GetProjectOperationParameters_to_vertex; Operations._get"),
    C_ERR(operations_get, ML, "{'operation_id':'123'}", METHOD_ONLY_VERTEX, "operations.py Operations._get"),
};

#undef C_OK
#undef C_ERR
#undef C_ERR_PART

#endif
