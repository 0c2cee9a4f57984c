package app.goblina.testkit.fakes.veo;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.video.ImageCheck;
import java.awt.Dimension;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code predictLongRunning} body read and checked as the Gemini API checks a Veo 3.1 request: one instance with
 * a prompt, an optional start {@code image} or up to three {@code referenceImages} (type {@code asset}), never
 * both; parameters {@code aspectRatio} 16:9 or 9:16, {@code durationSeconds} 4, 6 or 8 (8 with reference images
 * or at 1080p), {@code resolution} 720p or 1080p; unknown fields refused by name, as the API's JSON parser does.
 *
 * @param imageKind {@code start}, {@code reference} or {@code none}
 */
record VeoCreateRequest(String prompt, String aspectRatio, int durationSeconds, String resolution, String imageKind,
        int referenceCount, Dimension imageSize, Boolean generateAudio) {

    private static final Set<String> INSTANCE_FIELDS = Set.of("prompt", "image", "referenceImages", "lastFrame", "video");
    private static final Set<String> PARAMETER_FIELDS = Set.of("aspectRatio", "durationSeconds", "resolution",
            "generateAudio", "negativePrompt", "personGeneration", "seed", "numberOfVideos");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    /** A body the API refuses; the message is the API's. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    @SuppressWarnings("unchecked")
    static VeoCreateRequest read(String body) throws Invalid {
        Map<String, Object> root;
        try {
            root = FakeJson.parseObject(body);
        } catch (RuntimeException e) {
            throw new Invalid("Invalid JSON payload received. Unexpected token.");
        }
        unknown(root, Set.of("instances", "parameters"), "");
        if (!(root.get("instances") instanceof List<?> instances) || instances.size() != 1
                || !(instances.get(0) instanceof Map<?, ?>)) {
            throw new Invalid("* GenerateVideoRequest.instances: exactly one instance is supported");
        }
        Map<String, Object> instance = (Map<String, Object>) instances.get(0);
        unknown(instance, INSTANCE_FIELDS, "instances[0]");
        if (!(instance.get("prompt") instanceof String prompt) || prompt.isBlank()) {
            throw new Invalid("* GenerateVideoRequest.instances[0].prompt: a non-empty prompt is required");
        }
        Map<String, Object> parameters = root.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        unknown(parameters, PARAMETER_FIELDS, "parameters");

        String imageKind = "none";
        Dimension size = null;
        int references = 0;
        if (instance.containsKey("image") && instance.containsKey("referenceImages")) {
            throw new Invalid("`image` and `referenceImages` cannot be used together.");
        }
        if (instance.get("image") instanceof Map<?, ?> image) {
            size = image((Map<String, Object>) image, "instances[0].image");
            imageKind = "start";
        } else if (instance.containsKey("image")) {
            throw new Invalid("* GenerateVideoRequest.instances[0].image: must be an object");
        }
        if (instance.get("referenceImages") instanceof List<?> list) {
            if (list.isEmpty() || list.size() > 3) {
                throw new Invalid("* GenerateVideoRequest.instances[0].referenceImages: 1 to 3 reference images are supported");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> reference)) {
                    throw new Invalid("* referenceImages[" + i + "]: must be an object");
                }
                if (!"asset".equals(reference.get("referenceType"))) {
                    throw new Invalid("* referenceImages[" + i + "].referenceType: only `asset` is supported");
                }
                if (!(reference.get("image") instanceof Map<?, ?> image)) {
                    throw new Invalid("* referenceImages[" + i + "].image: is required");
                }
                size = image((Map<String, Object>) image, "referenceImages[" + i + "].image");
            }
            references = list.size();
            imageKind = "reference";
        }

        String aspectRatio = string(parameters, "aspectRatio", "16:9");
        if (!aspectRatio.equals("16:9") && !aspectRatio.equals("9:16")) {
            throw new Invalid("* parameters.aspectRatio: `" + aspectRatio + "` is not supported; use 16:9 or 9:16");
        }
        String resolution = string(parameters, "resolution", "720p");
        if (!resolution.equals("720p") && !resolution.equals("1080p")) {
            throw new Invalid("* parameters.resolution: `" + resolution + "` is not supported; use 720p or 1080p");
        }
        Object seconds = parameters.getOrDefault("durationSeconds", 8);
        if (!(seconds instanceof Number number) || number.doubleValue() != number.intValue()
                || !Set.of(4, 6, 8).contains(number.intValue())) {
            throw new Invalid("* parameters.durationSeconds: `" + seconds + "` is out of bounds; use 4, 6 or 8");
        }
        int duration = number.intValue();
        if (duration != 8 && (references > 0 || resolution.equals("1080p"))) {
            throw new Invalid("* parameters.durationSeconds: must be 8 with reference images or at 1080p");
        }
        Object audio = parameters.get("generateAudio");
        if (audio != null && !(audio instanceof Boolean)) {
            throw new Invalid("* parameters.generateAudio: must be a boolean");
        }
        if (parameters.containsKey("numberOfVideos") && !Integer.valueOf(1).equals(parameters.get("numberOfVideos"))) {
            throw new Invalid("* parameters.numberOfVideos: only 1 is supported");
        }
        return new VeoCreateRequest(prompt, aspectRatio, duration, resolution, imageKind, references, size,
                (Boolean) audio);
    }

    private static Dimension image(Map<String, Object> image, String where) throws Invalid {
        unknown(image, Set.of("bytesBase64Encoded", "mimeType", "gcsUri"), where);
        if (!(image.get("mimeType") instanceof String type) || !IMAGE_TYPES.contains(type)) {
            throw new Invalid("* " + where + ".mimeType: must be image/png, image/jpeg or image/webp");
        }
        if (!(image.get("bytesBase64Encoded") instanceof String encoded)) {
            throw new Invalid("* " + where + ".bytesBase64Encoded: is required");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new Invalid("* " + where + ".bytesBase64Encoded: is not valid base64");
        }
        Optional<Dimension> size = ImageCheck.dimensions(bytes);
        if (size.isEmpty()) {
            throw new Invalid("Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
        }
        return size.get();
    }

    private static String string(Map<String, Object> map, String field, String fallback) throws Invalid {
        Object value = map.getOrDefault(field, fallback);
        if (!(value instanceof String text)) {
            throw new Invalid("* parameters." + field + ": must be a string");
        }
        return text;
    }

    private static void unknown(Map<String, Object> map, Set<String> known, String where) throws Invalid {
        for (String field : map.keySet()) {
            if (!known.contains(field)) {
                throw new Invalid("Invalid JSON payload received. Unknown name \"" + field + "\""
                        + (where.isEmpty() ? "" : " at '" + where + "'") + ": Cannot find field.");
            }
        }
    }
}
