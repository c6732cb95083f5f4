/* Imagen end to end: generate_images, edit_image and upscale_image on
 * Vertex AI (the Python wire shapes, checked on the request log), the real
 * samples decoded, the PNG the emulator paints, genai_image_save, the
 * Gemini API's ValueError, and the _async twins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itest.h"

#ifndef GENAI_SAMPLES_DIR_DEFAULT
#define GENAI_SAMPLES_DIR_DEFAULT "/work/shared/reference/samples"
#endif

static json_t *last_body(void) {
  json_t *req = itest_last_request();
  json_t *body = json_incref(json_object_get(req, "body"));
  json_decref(req);
  return body;
}

static void assert_last_path(const char *expected) {
  json_t *req = itest_last_request();
  assert_string_equal(json_string_value(json_object_get(req, "path")), expected);
  json_decref(req);
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* A PNG: signature, then IHDR ... IEND chunks whose lengths add up. */
static void assert_png(const genai_bytes *b, uint32_t width, uint32_t height) {
  static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  assert_true(b->size > 8 + 25 + 12);
  assert_memory_equal(b->data, sig, 8);
  assert_memory_equal(b->data + 12, "IHDR", 4);
  assert_int_equal(be32(b->data + 16), width);
  assert_int_equal(be32(b->data + 20), height);
  size_t at = 8;
  int idat = 0, iend = 0;
  while (at + 12 <= b->size) {
    uint32_t len = be32(b->data + at);
    if (!memcmp(b->data + at + 4, "IDAT", 4)) idat = 1;
    if (!memcmp(b->data + at + 4, "IEND", 4)) iend = 1;
    at += 12 + (size_t)len;
  }
  assert_int_equal(at, b->size);
  assert_true(idat && iend);
}

static void generate_images_vertex(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_generate_images_config cfg = {GENAI_INIT(genai_generate_images_config),
                                      .number_of_images = &(int32_t){2},
                                      .aspect_ratio = "16:9",
                                      .include_rai_reason = &(bool){true},
                                      .include_safety_attributes = &(bool){true},
                                      .output_mime_type = "image/jpeg",
                                      .negative_prompt = "rain",
                                      .seed = &(int32_t){7},
                                      .add_watermark = &(bool){false},
                                      .safety_filter_level = GENAI_SAFETY_FILTER_LEVEL_BLOCK_ONLY_HIGH,
                                      .person_generation = GENAI_PERSON_GENERATION_DONT_ALLOW};
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "A red umbrella", &cfg, &r), GENAI_OK);
  assert_last_path("/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/"
                   "imagen-3.0-generate-002:predict");
  json_t *body = last_body();
  itest_assert_json_value(body,
                          "{\"instances\":[{\"prompt\":\"A red umbrella\"}],\"parameters\":{\"sampleCount\":2,"
                          "\"aspectRatio\":\"16:9\",\"includeRaiReason\":true,\"includeSafetyAttributes\":true,"
                          "\"outputOptions\":{\"mimeType\":\"image/jpeg\"},\"negativePrompt\":\"rain\",\"seed\":7,"
                          "\"addWatermark\":false,\"safetySetting\":\"BLOCK_ONLY_HIGH\","
                          "\"personGeneration\":\"DONT_ALLOW\"}}");
  json_decref(body);
  assert_int_equal(r->generated_images_count, 2);
  for (size_t i = 0; i < 2; i++) {
    const genai_image *img = r->generated_images[i]->image;
    assert_non_null(img);
    assert_string_equal(img->mime_type, "image/png");
    assert_png(&img->image_bytes, 16, 9);
    assert_non_null(r->generated_images[i]->safety_attributes);
  }
  /* the Positive Prompt entry is not an image */
  assert_non_null(r->positive_prompt_safety_attributes);
  assert_string_equal(r->positive_prompt_safety_attributes->content_type, "Positive Prompt");
  /* genai_image_save writes the bytes */
  char path[] = "/tmp/genai_itest_image_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  assert_int_equal(genai_image_save(r->generated_images[0]->image, path), GENAI_OK);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  assert_int_equal((size_t)ftell(f), r->generated_images[0]->image->image_bytes.size);
  fclose(f);
  /* genai_image_from_file reads it back */
  genai_image *again = NULL;
  assert_int_equal(genai_image_from_file(path, "image/png", &again), GENAI_OK);
  assert_int_equal(again->image_bytes.size, r->generated_images[0]->image->image_bytes.size);
  assert_memory_equal(again->image_bytes.data, r->generated_images[0]->image->image_bytes.data,
                      again->image_bytes.size);
  genai_image_free(again);
  remove(path);
  genai_generate_images_response_free(r);
  genai_client_free(c);
}

static void generate_images_express_and_blocked(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_images_config cfg = {GENAI_INIT(genai_generate_images_config), .include_rai_reason = &(bool){true}};
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "something forbidden", &cfg, &r),
                   GENAI_OK);
  assert_last_path("/v1beta1/publishers/google/models/imagen-3.0-generate-002:predict");
  assert_int_equal(r->generated_images_count, 1);
  /* as in Python, the image is decoded from the prediction itself: empty */
  assert_null(r->generated_images[0]->image->image_bytes.data);
  assert_non_null(strstr(r->generated_images[0]->rai_filtered_reason, "safety filter"));
  genai_generate_images_response_free(r);
  /* without include_rai_reason the service answers {} */
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "forbidden", NULL, &r), GENAI_OK);
  assert_int_equal(r->generated_images_count, 0);
  genai_generate_images_response_free(r);
  /* the service's validation */
  genai_generate_images_config many = {GENAI_INIT(genai_generate_images_config), .number_of_images = &(int32_t){9}};
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "x", &many, &r), GENAI_EAPI);
  assert_int_equal(genai_error_last()->http_status, 400);
  assert_null(r);
  /* output_gcs_uri: gcs_uri instead of bytes, and a clear save error */
  genai_generate_images_config gcs = {GENAI_INIT(genai_generate_images_config), .output_gcs_uri = "gs://b/out"};
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "x", &gcs, &r), GENAI_OK);
  json_t *body = last_body();
  assert_string_equal(json_string_value(json_object_get(json_object_get(body, "parameters"), "storageUri")),
                      "gs://b/out");
  json_decref(body);
  assert_non_null(r->generated_images[0]->image->gcs_uri);
  assert_int_equal(genai_image_save(r->generated_images[0]->image, "/tmp/genai_itest_never.png"), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "gcs_uri"));
  genai_generate_images_response_free(r);
  genai_client_free(c);
}

static void gemini_api_refuses_imagen(void **state) {
  (void)state;
  genai_client *c = itest_mldev_client(NULL);
  size_t before = itest_request_count();
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "x", NULL, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "only supported in Gemini Enterprise Agent Platform mode"));
  genai_image img = {GENAI_INIT(genai_image), .image_bytes = {(const uint8_t *)"x", 1}, .mime_type = "image/png"};
  genai_upscale_image_response *u = NULL;
  assert_int_equal(genai_models_upscale_image(c, "imagen-3.0-generate-002", &img, "x2", NULL, &u), GENAI_EINVAL);
  genai_raw_reference_image raw = {GENAI_INIT(genai_raw_reference_image), .reference_image = &img};
  genai_reference_image ref = {GENAI_INIT(genai_reference_image), .raw = &raw};
  const genai_reference_image *refs[] = {&ref};
  genai_edit_image_response *e = NULL;
  assert_int_equal(genai_models_edit_image(c, "imagen-3.0-capability-001", "x", refs, 1, NULL, &e), GENAI_EINVAL);
  assert_int_equal(itest_request_count(), before);
  assert_null(r);
  assert_null(u);
  assert_null(e);
  /* caller errors name the field */
  genai_client *v = itest_vertex_express_client(NULL);
  assert_int_equal(genai_models_generate_images(v, "imagen-3.0-generate-002", NULL, NULL, &r), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "prompt"));
  assert_int_equal(genai_models_upscale_image(v, "imagen-3.0-generate-002", &img, NULL, NULL, &u), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "upscale_factor"));
  genai_reference_image two = {GENAI_INIT(genai_reference_image), .raw = &raw, .content = &raw};
  const genai_reference_image *bad[] = {&two};
  assert_int_equal(genai_models_edit_image(v, "imagen-3.0-capability-001", "x", bad, 1, NULL, &e), GENAI_EINVAL);
  assert_non_null(strstr(genai_error_last()->message, "reference_images[0]"));
  genai_client_free(v);
  genai_client_free(c);
}

static void edit_image_every_reference_kind(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_image img = {GENAI_INIT(genai_image), .image_bytes = {(const uint8_t *)"abc", 3}, .mime_type = "image/png"};
  genai_raw_reference_image raw = {GENAI_INIT(genai_raw_reference_image), .reference_image = &img,
                                   .reference_id = &(int32_t){1}};
  genai_mask_reference_config mask_cfg = {GENAI_INIT(genai_mask_reference_config),
                                          .mask_mode = GENAI_MASK_REFERENCE_MODE_MASK_MODE_BACKGROUND,
                                          .mask_dilation = &(double){0}};
  genai_mask_reference_image mask = {GENAI_INIT(genai_mask_reference_image), .reference_id = &(int32_t){2},
                                     .config = &mask_cfg};
  genai_control_reference_config control_cfg = {GENAI_INIT(genai_control_reference_config),
                                                .control_type = GENAI_CONTROL_REFERENCE_TYPE_CONTROL_TYPE_CANNY,
                                                .enable_control_image_computation = &(bool){true}};
  genai_control_reference_image control = {GENAI_INIT(genai_control_reference_image), .reference_image = &img,
                                           .reference_id = &(int32_t){3}, .config = &control_cfg};
  genai_style_reference_config style_cfg = {GENAI_INIT(genai_style_reference_config), .style_description = "ink"};
  genai_style_reference_image style = {GENAI_INIT(genai_style_reference_image), .reference_image = &img,
                                       .reference_id = &(int32_t){4}, .config = &style_cfg};
  genai_subject_reference_config subject_cfg = {GENAI_INIT(genai_subject_reference_config),
                                                .subject_type = GENAI_SUBJECT_REFERENCE_TYPE_SUBJECT_TYPE_PRODUCT,
                                                .subject_description = "a mug"};
  genai_subject_reference_image subject = {GENAI_INIT(genai_subject_reference_image), .reference_image = &img,
                                           .reference_id = &(int32_t){5}, .config = &subject_cfg};
  genai_raw_reference_image content = {GENAI_INIT(genai_raw_reference_image), .reference_image = &img,
                                       .reference_id = &(int32_t){6}};
  genai_reference_image r1 = {GENAI_INIT(genai_reference_image), .raw = &raw};
  genai_reference_image r2 = {GENAI_INIT(genai_reference_image), .mask = &mask};
  genai_reference_image r3 = {GENAI_INIT(genai_reference_image), .control = &control};
  genai_reference_image r4 = {GENAI_INIT(genai_reference_image), .style = &style};
  genai_reference_image r5 = {GENAI_INIT(genai_reference_image), .subject = &subject};
  genai_reference_image r6 = {GENAI_INIT(genai_reference_image), .content = &content};
  const genai_reference_image *refs[] = {&r1, &r2, &r3, &r4, &r5, &r6};
  genai_edit_image_config cfg = {GENAI_INIT(genai_edit_image_config),
                                 .edit_mode = GENAI_EDIT_MODE_INPAINT_INSERTION,
                                 .number_of_images = &(int32_t){1},
                                 .include_rai_reason = &(bool){true},
                                 .output_mime_type = "image/jpeg",
                                 .base_steps = &(int32_t){12}};
  genai_edit_image_response *r = NULL;
  assert_int_equal(genai_models_edit_image(c, "imagen-3.0-capability-001", "Sunlight and clear sky", refs, 6, &cfg, &r),
                   GENAI_OK);
  assert_last_path("/v1beta1/publishers/google/models/imagen-3.0-capability-001:predict");
  json_t *body = last_body();
  const char *b64 = "YWJj";
  char expected[4096];
  snprintf(expected, sizeof expected,
           "{\"instances\":[{\"prompt\":\"Sunlight and clear sky\",\"referenceImages\":["
           "{\"referenceImage\":{\"bytesBase64Encoded\":\"%s\",\"mimeType\":\"image/png\"},\"referenceId\":1,"
           "\"referenceType\":\"REFERENCE_TYPE_RAW\"},"
           "{\"referenceId\":2,\"referenceType\":\"REFERENCE_TYPE_MASK\","
           "\"maskImageConfig\":{\"maskMode\":\"MASK_MODE_BACKGROUND\",\"dilation\":0.0}},"
           "{\"referenceImage\":{\"bytesBase64Encoded\":\"%s\",\"mimeType\":\"image/png\"},\"referenceId\":3,"
           "\"referenceType\":\"REFERENCE_TYPE_CONTROL\","
           "\"controlImageConfig\":{\"controlType\":\"CONTROL_TYPE_CANNY\",\"computeControl\":true}},"
           "{\"referenceImage\":{\"bytesBase64Encoded\":\"%s\",\"mimeType\":\"image/png\"},\"referenceId\":4,"
           "\"referenceType\":\"REFERENCE_TYPE_STYLE\",\"styleImageConfig\":{\"styleDescription\":\"ink\"}},"
           "{\"referenceImage\":{\"bytesBase64Encoded\":\"%s\",\"mimeType\":\"image/png\"},\"referenceId\":5,"
           "\"referenceType\":\"REFERENCE_TYPE_SUBJECT\",\"subjectImageConfig\":{\"subjectType\":"
           "\"SUBJECT_TYPE_PRODUCT\",\"subjectDescription\":\"a mug\"}},"
           "{\"referenceImage\":{\"bytesBase64Encoded\":\"%s\",\"mimeType\":\"image/png\"},\"referenceId\":6,"
           "\"referenceType\":\"REFERENCE_TYPE_CONTENT\"}]}],"
           "\"parameters\":{\"sampleCount\":1,\"includeRaiReason\":true,"
           "\"outputOptions\":{\"mimeType\":\"image/jpeg\"},\"editMode\":\"EDIT_MODE_INPAINT_INSERTION\","
           "\"editConfig\":{\"baseSteps\":12}}}",
           b64, b64, b64, b64, b64);
  itest_assert_json_value(body, expected);
  json_decref(body);
  assert_int_equal(r->generated_images_count, 1);
  assert_png(&r->generated_images[0]->image->image_bytes, 8, 8);
  genai_edit_image_response_free(r);
  genai_client_free(c);
}

static void upscale_image_forces_mode_and_count(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_generate_images_response *g = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "A cat", NULL, &g), GENAI_OK);
  genai_upscale_image_config cfg = {GENAI_INIT(genai_upscale_image_config), .include_rai_reason = &(bool){true},
                                    .output_mime_type = "image/jpeg", .enhance_input_image = &(bool){true},
                                    .image_preservation_factor = &(double){0.5}};
  genai_upscale_image_response *r = NULL;
  assert_int_equal(genai_models_upscale_image(c, "imagen-3.0-generate-002", g->generated_images[0]->image, "x4",
                                              &cfg, &r),
                   GENAI_OK);
  json_t *body = last_body();
  json_t *params = json_object_get(body, "parameters");
  assert_string_equal(json_string_value(json_object_get(params, "mode")), "upscale");
  assert_int_equal(json_integer_value(json_object_get(params, "sampleCount")), 1);
  itest_assert_json_value(json_object_get(params, "upscaleConfig"),
                          "{\"upscaleFactor\":\"x4\",\"enhanceInputImage\":true,\"imagePreservationFactor\":0.5}");
  assert_true(json_is_true(json_object_get(params, "includeRaiReason")));
  assert_string_equal(json_string_value(json_object_get(json_object_get(params, "outputOptions"), "mimeType")),
                      "image/jpeg");
  json_t *image = json_object_get(json_array_get(json_object_get(body, "instances"), 0), "image");
  assert_string_equal(json_string_value(json_object_get(image, "mimeType")), "image/png");
  assert_non_null(json_string_value(json_object_get(image, "bytesBase64Encoded")));
  json_decref(body);
  assert_int_equal(r->generated_images_count, 1);
  assert_png(&r->generated_images[0]->image->image_bytes, 32, 32);
  genai_upscale_image_response_free(r);
  genai_generate_images_response_free(g);
  genai_client_free(c);
}

static void recontext_and_segment(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_image img = {GENAI_INIT(genai_image), .image_bytes = {(const uint8_t *)"abc", 3}, .mime_type = "image/png"};
  genai_product_image product = {GENAI_INIT(genai_product_image), .product_image = &img};
  const genai_product_image *products[] = {&product};
  genai_recontext_image_source source = {GENAI_INIT(genai_recontext_image_source), .prompt = "on a beach",
                                         .product_images = products, .product_images_count = 1};
  genai_recontext_image_config cfg = {GENAI_INIT(genai_recontext_image_config), .number_of_images = &(int32_t){2},
                                      .base_steps = &(int32_t){32}};
  genai_recontext_image_response *r = NULL;
  assert_int_equal(genai_models_recontext_image(c, "imagen-product-recontext-preview-06-30", &source, &cfg, &r),
                   GENAI_OK);
  json_t *body = last_body();
  itest_assert_json_value(body, "{\"instances\":[{\"prompt\":\"on a beach\",\"productImages\":[{\"image\":"
                                "{\"bytesBase64Encoded\":\"YWJj\",\"mimeType\":\"image/png\"}}]}],"
                                "\"parameters\":{\"sampleCount\":2,\"baseSteps\":32}}");
  json_decref(body);
  assert_int_equal(r->generated_images_count, 2);
  assert_png(&r->generated_images[0]->image->image_bytes, 8, 8);
  genai_recontext_image_response_free(r);

  genai_segment_image_source seg = {GENAI_INIT(genai_segment_image_source), .prompt = "the cat", .image = &img};
  genai_segment_image_config seg_cfg = {GENAI_INIT(genai_segment_image_config), .mode = GENAI_SEGMENT_MODE_PROMPT,
                                        .max_predictions = &(int32_t){1}};
  genai_segment_image_response *s = NULL;
  assert_int_equal(genai_models_segment_image(c, "image-segmentation-001", &seg, &seg_cfg, &s), GENAI_OK);
  assert_last_path("/v1beta1/publishers/google/models/image-segmentation-001:predict");
  body = last_body();
  itest_assert_json_value(body, "{\"instances\":[{\"prompt\":\"the cat\",\"image\":{\"bytesBase64Encoded\":"
                                "\"YWJj\",\"mimeType\":\"image/png\"}}],\"parameters\":{\"mode\":\"PROMPT\","
                                "\"maxPredictions\":1}}");
  json_decref(body);
  assert_int_equal(s->generated_masks_count, 1);
  assert_png(&s->generated_masks[0]->mask->image_bytes, 8, 8);
  assert_string_equal(s->generated_masks[0]->labels[0]->label, "the cat");
  genai_segment_image_response_free(s);
  /* Vertex AI only, and the source is required */
  genai_client *m = itest_mldev_client(NULL);
  assert_int_equal(genai_models_segment_image(m, "image-segmentation-001", &seg, NULL, &s), GENAI_EINVAL);
  assert_int_equal(genai_models_recontext_image(c, "imagen-product-recontext-preview-06-30", NULL, NULL, &r),
                   GENAI_EINVAL);
  genai_client_free(m);
  genai_client_free(c);
}

static char *read_sample(const char *name) {
  const char *dir = getenv("GENAI_SAMPLES_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : GENAI_SAMPLES_DIR_DEFAULT, name);
  json_error_t err;
  json_t *doc = json_load_file(path, 0, &err);
  if (!doc) fail_msg("cannot read sample %s: %s", path, err.text);
  json_t *script = json_pack("{s:[{s:i, s:o}]}", "responses", "status", 200, "json", doc);
  char *text = json_dumps(script, 0);
  json_decref(script);
  return text;
}

static void real_samples_decode(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  char *script = read_sample("vertex_predict_imagen-3.0-generate-002.json");
  itest_script(script);
  free(script);
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "A futuristic robot", NULL, &r),
                   GENAI_OK);
  assert_int_equal(r->generated_images_count, 1);
  const genai_generated_image *gi = r->generated_images[0];
  assert_string_equal(gi->image->mime_type, "image/jpeg");
  assert_true(gi->image->image_bytes.size > 1000);
  assert_int_equal(gi->image->image_bytes.data[0], 0xFF); /* JPEG SOI */
  assert_int_equal(gi->image->image_bytes.data[1], 0xD8);
  assert_non_null(strstr(gi->enhanced_prompt, "robot"));
  assert_int_equal(gi->safety_attributes->categories_count, 2);
  assert_string_equal(r->positive_prompt_safety_attributes->content_type, "Positive Prompt");
  assert_int_equal(r->positive_prompt_safety_attributes->categories_count, 12);
  assert_true(r->positive_prompt_safety_attributes->scores[3] > 0.19);
  genai_generate_images_response_free(r);

  script = read_sample("vertex_predict_imagen_raiFilteredReason.json");
  itest_script(script);
  free(script);
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "x", NULL, &r), GENAI_OK);
  assert_int_equal(r->generated_images_count, 1);
  assert_non_null(strstr(r->generated_images[0]->rai_filtered_reason, "Support codes"));
  assert_null(r->positive_prompt_safety_attributes);
  genai_generate_images_response_free(r);
  genai_client_free(c);
}

/* The request of the js-genai recording is what this SDK sends for the same call. */
static void sample_request_shape(void **state) {
  (void)state;
  genai_client *c = itest_vertex_client(NULL);
  genai_generate_images_config cfg = {GENAI_INIT(genai_generate_images_config), .number_of_images = &(int32_t){1},
                                      .include_safety_attributes = &(bool){true},
                                      .output_mime_type = "image/jpeg"};
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_models_generate_images(c, "imagen-3.0-generate-002", "Robot holding a red skateboard", &cfg,
                                                &r),
                   GENAI_OK);
  const char *dir = getenv("GENAI_SAMPLES_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/vertex_predict_imagen-3.0-generate-002.request.json",
           dir && *dir ? dir : GENAI_SAMPLES_DIR_DEFAULT);
  json_error_t err;
  json_t *expected = json_load_file(path, 0, &err);
  assert_non_null(expected);
  json_t *body = last_body();
  assert_true(json_equal(body, expected));
  json_decref(body);
  json_decref(expected);
  genai_generate_images_response_free(r);
  genai_client_free(c);
}

static void on_done(genai_op *op, void *user_data) {
  (void)op;
  (*(int *)user_data)++;
}

static void async_generate_and_upscale(void **state) {
  (void)state;
  genai_client *c = itest_vertex_express_client(NULL);
  genai_multi *m = NULL;
  assert_int_equal(genai_multi_new(c, NULL, &m), GENAI_OK);
  int done = 0;
  genai_op_callbacks cb = {GENAI_INIT(genai_op_callbacks), .on_done = on_done, .user_data = &done};
  genai_op *op = NULL;
  assert_int_equal(genai_models_generate_images_async(m, "imagen-3.0-generate-002", "A dog", NULL, &cb, &op), GENAI_OK);
  for (int running = 1; !done;) assert_int_equal(genai_multi_poll(m, 100, &running), GENAI_OK);
  genai_generate_images_response *r = NULL;
  assert_int_equal(genai_op_take_generate_images_response(op, &r), GENAI_OK);
  genai_op_free(op);
  assert_int_equal(r->generated_images_count, 1);
  done = 0;
  assert_int_equal(genai_models_upscale_image_async(m, "imagen-3.0-generate-002", r->generated_images[0]->image, "x2",
                                                    NULL, &cb, &op),
                   GENAI_OK);
  for (int running = 1; !done;) assert_int_equal(genai_multi_poll(m, 100, &running), GENAI_OK);
  genai_upscale_image_response *u = NULL;
  assert_int_equal(genai_op_take_upscale_image_response(op, &u), GENAI_OK);
  genai_op_free(op);
  assert_png(&u->generated_images[0]->image->image_bytes, 16, 16);
  genai_upscale_image_response_free(u);
  genai_generate_images_response_free(r);
  genai_multi_free(m);
  genai_client_free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(generate_images_vertex, itest_reset),
      cmocka_unit_test_setup(generate_images_express_and_blocked, itest_reset),
      cmocka_unit_test_setup(gemini_api_refuses_imagen, itest_reset),
      cmocka_unit_test_setup(edit_image_every_reference_kind, itest_reset),
      cmocka_unit_test_setup(upscale_image_forces_mode_and_count, itest_reset),
      cmocka_unit_test_setup(recontext_and_segment, itest_reset),
      cmocka_unit_test_setup(real_samples_decode, itest_reset),
      cmocka_unit_test_setup(sample_request_shape, itest_reset),
      cmocka_unit_test_setup(async_generate_and_upscale, itest_reset),
  };
  return itest_finish(cmocka_run_group_tests(tests, itest_group_setup, NULL));
}
