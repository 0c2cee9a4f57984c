package app.goblina.testkit.fakes.sora;

import app.goblina.testkit.fakes.FakeJson;
import app.goblina.testkit.fakes.MultipartParts;
import app.goblina.testkit.fakes.MultipartParts.Part;
import app.goblina.testkit.fakes.video.ImageCheck;
import app.goblina.testkit.fakes.video.Received;
import java.awt.Dimension;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code POST /videos} body, read and validated the way the service does: multipart with text fields and an
 * {@code input_reference} image part (the OpenAI contract), or, for gateways that take JSON, the same fields in a
 * JSON object with the image as a data URL in {@code image_urls}. Anything wrong becomes a 400 with the service's
 * wording, through {@link Invalid}.
 *
 * @param reference       the reference image bytes, or null when none was sent
 * @param referenceType   the reference image's declared media type, or null
 * @param referenceSize   the reference image's decoded size, or null
 */
record SoraCreateRequest(String prompt, String model, String seconds, String size, String aspectRatio, String resolution,
        byte[] reference, String referenceType, Dimension referenceSize) {

    /** A request the service refuses; {@code param} names the field. */
    static final class Invalid extends RuntimeException {
        final String param;

        Invalid(String message, String param) {
            super(message);
            this.param = param;
        }
    }

    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    private static final Pattern DATA_URL = Pattern.compile("data:([a-z]+/[a-z0-9.+-]+);base64,(.+)", Pattern.DOTALL);
    private static final Set<String> SIZE_FIELDS = Set.of("prompt", "model", "seconds", "size", "input_reference");
    private static final Set<String> ASPECT_FIELDS = Set.of("prompt", "model", "seconds", "aspect_ratio", "resolution",
            "input_reference");

    static SoraCreateRequest read(Received request, FakeSoraServer.Options options) {
        String contentType = request.header("content-type").orElse("");
        SoraCreateRequest create = options.jsonBody()
                ? fromJson(contentType, request.bodyText(), options)
                : fromMultipart(contentType, request.body(), options);
        create.validate(options);
        return create;
    }

    private static SoraCreateRequest fromMultipart(String contentType, byte[] body, FakeSoraServer.Options options) {
        List<Part> parts;
        try {
            parts = MultipartParts.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            throw new Invalid("Invalid multipart body: " + e.getMessage(), null);
        }
        Set<String> known = options.aspectRatioStyle() ? ASPECT_FIELDS : SIZE_FIELDS;
        for (Part part : parts) {
            if (!known.contains(part.name())) {
                throw new Invalid("Unknown parameter: '" + part.name() + "'.", part.name());
            }
        }
        Part image = MultipartParts.find(parts, "input_reference").orElse(null);
        if (image != null && image.filename() == null) {
            throw new Invalid("'input_reference' must be a file upload.", "input_reference");
        }
        return new SoraCreateRequest(text(parts, "prompt"), text(parts, "model"), text(parts, "seconds"),
                text(parts, "size"), text(parts, "aspect_ratio"), text(parts, "resolution"),
                image == null ? null : image.content(), image == null ? null : image.contentType(),
                image == null ? null : ImageCheck.dimensions(image.content()).orElse(null));
    }

    private static SoraCreateRequest fromJson(String contentType, String body, FakeSoraServer.Options options) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Invalid("This endpoint takes application/json.", null);
        }
        Map<String, Object> json;
        try {
            json = FakeJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new Invalid("We could not parse the JSON body of your request.", null);
        }
        Set<String> known = options.aspectRatioStyle() ? Set.of("prompt", "model", "seconds", "aspect_ratio", "resolution",
                "image_urls") : Set.of("prompt", "model", "seconds", "size", "image_urls");
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                throw new Invalid("Unknown parameter: '" + field + "'.", field);
            }
        }
        Object seconds = json.get("seconds");
        if (seconds != null && options.secondsAsInteger() != (seconds instanceof BigDecimal)) {
            throw new Invalid("Invalid type for 'seconds': expected " + (options.secondsAsInteger() ? "an integer" : "a string")
                    + ".", "seconds");
        }
        byte[] image = null;
        String imageType = null;
        if (json.get("image_urls") instanceof List<?> urls && !urls.isEmpty()) {
            Matcher data = urls.getFirst() instanceof String url ? DATA_URL.matcher(url) : null;
            if (data == null || !data.matches()) {
                throw new Invalid("'image_urls' must hold data: URLs in this fake.", "image_urls");
            }
            imageType = data.group(1);
            try {
                image = Base64.getDecoder().decode(data.group(2));
            } catch (IllegalArgumentException e) {
                throw new Invalid("'image_urls[0]' is not valid base64.", "image_urls");
            }
        }
        return new SoraCreateRequest(string(json, "prompt"), string(json, "model"),
                seconds == null ? null : seconds instanceof BigDecimal n ? n.toPlainString() : seconds.toString(),
                string(json, "size"), string(json, "aspect_ratio"), string(json, "resolution"), image, imageType,
                image == null ? null : ImageCheck.dimensions(image).orElse(null));
    }

    private void validate(FakeSoraServer.Options options) {
        if (prompt == null || prompt.isEmpty()) {
            throw new Invalid("Missing required parameter: 'prompt'.", "prompt");
        }
        if (prompt.length() > 32_000) {
            throw new Invalid("'prompt' is too long: at most 32000 characters.", "prompt");
        }
        if (!options.models().contains(effectiveModel())) {
            throw new Invalid("Invalid value: '" + model + "'. Supported values are: " + quoted(options.models()) + ".", "model");
        }
        if (!options.seconds().contains(effectiveSeconds())) {
            throw new Invalid("Invalid value: '" + seconds + "'. Supported values are: " + quoted(options.seconds()) + ".",
                    "seconds");
        }
        if (options.aspectRatioStyle()) {
            if (!options.aspectRatios().contains(aspectRatio)) {
                throw new Invalid("Invalid value for 'aspect_ratio': " + aspectRatio + ".", "aspect_ratio");
            }
            if (!options.resolutions().contains(resolution)) {
                throw new Invalid("Invalid value for 'resolution': " + resolution + ".", "resolution");
            }
        } else if (!options.sizes().contains(effectiveSize())) {
            throw new Invalid("Invalid value: '" + size + "'. Supported values are: " + quoted(options.sizes()) + ".", "size");
        }
        if (reference != null) {
            validateReference(options);
        }
    }

    private void validateReference(FakeSoraServer.Options options) {
        if (referenceType == null || !IMAGE_TYPES.contains(referenceType.toLowerCase(Locale.ROOT))) {
            throw new Invalid("Invalid file 'input_reference': unsupported mimetype ('" + referenceType
                    + "'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.", "input_reference");
        }
        if (referenceSize == null) {
            throw new Invalid("Invalid file 'input_reference': the image could not be decoded.", "input_reference");
        }
        Dimension frame = frame(options);
        if (!referenceSize.equals(frame)) {
            throw new Invalid("Inpaint image must match the requested width and height", "input_reference");
        }
    }

    /** The frame the video will have: from {@code size}, or from aspect ratio and resolution. */
    Dimension frame(FakeSoraServer.Options options) {
        if (!options.aspectRatioStyle()) {
            String[] wh = effectiveSize().split("x");
            return new Dimension(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        }
        String[] ratio = aspectRatio.split(":");
        int shortSide = Integer.parseInt(resolution.replace("p", ""));
        int w = Integer.parseInt(ratio[0]);
        int h = Integer.parseInt(ratio[1]);
        return w >= h ? new Dimension(shortSide * w / h, shortSide) : new Dimension(shortSide, shortSide * h / w);
    }

    String effectiveModel() {
        return model == null ? "sora-2" : model;
    }

    String effectiveSeconds() {
        return seconds == null ? "4" : seconds;
    }

    String effectiveSize() {
        return size == null ? "720x1280" : size;
    }

    private static String text(List<Part> parts, String name) {
        return MultipartParts.find(parts, name).map(Part::text).orElse(null);
    }

    private static String string(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value != null && !(value instanceof String)) {
            throw new Invalid("Invalid type for '" + field + "': expected a string.", field);
        }
        return (String) value;
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
