package app.goblina.worker.providers.sora;

import app.goblina.http.MultipartForm;
import app.goblina.worker.providers.images.ReferenceFrames;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.Base64;

/**
 * The body of {@code POST /videos} in the style the server wants: multipart (the contract) or JSON (a gateway
 * variant), with the frame named by size or by aspect ratio and resolution, and {@code seconds} as text or as a
 * number.
 *
 * @param contentType the request's Content-Type, boundary included
 */
record SoraCreateBody(String contentType, HttpRequest.BodyPublisher publisher) {

    /**
     * @param reference the reference frame, already exactly the shape's size, or null to send none
     */
    static SoraCreateBody of(SoraConfig config, SoraShape shape, String prompt, byte[] reference,
            ReferenceFrames.Encoding encoding) {
        return config.bodyStyle() == SoraConfig.BodyStyle.JSON
                ? json(config, shape, prompt, reference, encoding)
                : multipart(shape, prompt, reference, encoding);
    }

    private static SoraCreateBody multipart(SoraShape shape, String prompt, byte[] reference,
            ReferenceFrames.Encoding encoding) {
        MultipartForm form = new MultipartForm()
                .field("prompt", prompt)
                .field("model", shape.model())
                .field("seconds", Integer.toString(shape.seconds()));
        if (shape.size() != null) {
            form.field("size", shape.size());
        } else {
            form.field("aspect_ratio", shape.aspectRatio()).field("resolution", shape.resolution());
        }
        if (reference != null) {
            String extension = encoding == ReferenceFrames.Encoding.PNG ? "png" : "jpg";
            form.file("input_reference", "reference." + extension, encoding.mediaType(), reference);
        }
        return new SoraCreateBody(form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()));
    }

    private static SoraCreateBody json(SoraConfig config, SoraShape shape, String prompt, byte[] reference,
            ReferenceFrames.Encoding encoding) {
        ObjectNode body = SoraVideo.JSON.createObjectNode()
                .put("prompt", prompt)
                .put("model", shape.model());
        if (config.secondsAsInteger()) {
            body.put("seconds", shape.seconds());
        } else {
            body.put("seconds", Integer.toString(shape.seconds()));
        }
        if (shape.size() != null) {
            body.put("size", shape.size());
        } else {
            body.put("aspect_ratio", shape.aspectRatio()).put("resolution", shape.resolution());
        }
        if (reference != null) {
            body.putArray("image_urls").add("data:" + encoding.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(reference));
        }
        return new SoraCreateBody("application/json", HttpRequest.BodyPublishers.ofString(body.toString()));
    }
}
