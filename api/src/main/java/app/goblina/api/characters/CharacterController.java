package app.goblina.api.characters;

import app.goblina.api.docs.AcceptedForWork;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.KeyAuthenticated;
import app.goblina.api.docs.Upload;
import app.goblina.api.auth.TenantContext;
import app.goblina.api.problems.Accepted;
import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Ids;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.InputStream;
import java.util.UUID;

/** {@code /v1/characters}: upload a character image, read its analysis. */
@Controller("/v1/characters")
@KeyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class CharacterController {

    private final CharacterIntake intake;
    private final CharacterRepository characters;
    private final UploadSlots slots;
    private final UploadReceiver receiver;

    public CharacterController(CharacterIntake intake, CharacterRepository characters, UploadSlots slots,
            UploadReceiver receiver) {
        this.intake = intake;
        this.receiver = receiver;
        this.characters = characters;
        this.slots = slots;
    }

    /**
     * The body is taken raw and read by {@link UploadReceiver} as it arrives (image part to a temporary file), then
     * checked in one of the {@link UploadSlots}. The temporary file is gone when the answer is sent.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Upload
    @AcceptedForWork
    @Status(HttpStatus.ACCEPTED)
    public HttpResponse<Accepted> create(HttpRequest<?> request, @Body InputStream body) {
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        try (ReceivedUpload upload = receiver.receive(contentType, request.getContentLength(), body)) {
            if (upload.image() == null) {
                throw ApiException.invalid("image", "is required: a multipart file part with a PNG, JPEG or WebP image");
            }
            CharacterRow row = slots.run(() -> intake.accept(TenantContext.tenantId(request), upload.name(), upload.image()));
            return Accepted.response(row.id(), row.status().name(), "/v1/characters/" + row.id());
        }
    }

    @Get("/{id}")
    @ById
    public CharacterView get(HttpRequest<?> request, @PathVariable("id") String id) {
        UUID characterId = Ids.parse("id", id);
        return characters.findByIdAndTenantId(characterId, TenantContext.tenantId(request))
                .map(CharacterView::of)
                .orElseThrow(() -> ApiException.notFound("id", "character"));
    }
}
