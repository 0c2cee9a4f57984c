package app.goblina.api.characters;

import app.goblina.api.guards.RequestCeiling;
import app.goblina.api.problems.ApiException;
import app.goblina.domain.FieldError;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Reads a {@code multipart/form-data} character upload from the raw request body while it arrives: the
 * {@code name} field into memory (a few kilobytes at most), the {@code image} part straight to a temporary file,
 * stopped at the image cap. Nothing of the image is held on the heap, so many uploads arriving at once cost disk,
 * not memory. The server's own multipart decoder is not used: it writes file parts through memory-mapped
 * temporary files, whose pages count against the process until a garbage collection unmaps them. Apache Commons
 * FileUpload parses the stream.
 */
@Singleton
public class UploadReceiver {

    /** Far more than {@link CharacterIntake#MAX_NAME} characters take in UTF-8. */
    static final int MAX_NAME_BYTES = 4096;

    private final ImageLimits limits;

    public UploadReceiver(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the whole body. Throws {@link ApiException} when it is not a well-formed form, names a part twice, or
     * carries more than a cap allows; the temporary file is gone by then.
     */
    public ReceivedUpload receive(String contentType, long contentLength, InputStream body) {
        String name = null;
        Path image = null;
        try {
            FileItemInputIterator parts = parser(contentType, contentLength, body);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if ("name".equals(part.getFieldName())) {
                    refuseSecond("name", name);
                    name = readName(part);
                } else if ("image".equals(part.getFieldName())) {
                    refuseSecond("image", image);
                    image = Files.createTempFile("goblina-upload-", ".part");
                    copy(part, image);
                }
            }
            return new ReceivedUpload(name, image);
        } catch (IOException | RuntimeException e) {
            ReceivedUpload.delete(image);
            throw refusal(e);
        }
    }

    /** What the client is told when reading its form failed: by the cap it passed, or how the form was wrong. */
    private RuntimeException refusal(Exception e) {
        return switch (e) {
            case FileUploadByteCountLimitException tooLarge -> tooLarge("is more than " + limits.maxBytes()
                    + " bytes, the limit");
            case FileUploadSizeException tooLarge -> tooLarge("makes the request larger than the upload limit of "
                    + tooLarge.getPermitted() + " bytes");
            case FileUploadException malformed -> ApiException.invalid("body",
                    "is not a well-formed multipart/form-data body with a boundary");
            case IOException cut -> ApiException.invalid("body", "ended before the form was complete");
            case RuntimeException other -> other;
            default -> new IllegalStateException(e);
        };
    }

    private static ApiException tooLarge(String reason) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Upload too large",
                List.of(new FieldError("image", reason)));
    }

    private FileItemInputIterator parser(String contentType, long contentLength, InputStream body) throws IOException {
        FormParser parser = new FormParser();
        parser.setSizeMax(limits.maxBytes() + RequestCeiling.FORM_OVERHEAD_BYTES);
        parser.setFileSizeMax(limits.maxBytes());
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        return parser.getItemIterator(new Body(contentType, contentLength, body));
    }

    private static String readName(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_NAME_BYTES + 1);
            if (bytes.length > MAX_NAME_BYTES) {
                throw ApiException.invalid("name", "must be at most " + CharacterIntake.MAX_NAME + " characters");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void copy(FileItemInput part, Path target) throws IOException {
        try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    private static void refuseSecond(String field, Object seen) {
        if (seen != null) {
            throw ApiException.invalid(field, "is sent more than once; send one");
        }
    }

    /** The request body as Commons FileUpload reads it. */
    private record Body(String contentType, long contentLength, InputStream body) implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** Commons FileUpload's streaming parser over the body; it never stores an item itself. */
    private static final class FormParser extends AbstractFileUpload<Body, DiskFileItem, DiskFileItemFactory> {

        @Override
        public FileItemInputIterator getItemIterator(Body body) throws IOException {
            return getItemIterator((RequestContext) body);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(Body body) {
            throw new UnsupportedOperationException("uploads are read as a stream");
        }

        @Override
        public List<DiskFileItem> parseRequest(Body body) {
            throw new UnsupportedOperationException("uploads are read as a stream");
        }
    }
}
