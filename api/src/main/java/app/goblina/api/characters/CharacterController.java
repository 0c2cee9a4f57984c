package app.goblina.api.characters;

import app.goblina.api.auth.TenantContext;
import app.goblina.api.problems.Accepted;
import app.goblina.api.problems.ApiException;
import app.goblina.api.problems.Ids;
import app.goblina.persistence.CharacterRepository;
import app.goblina.persistence.CharacterRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.UUID;

/** {@code /v1/characters}: upload a character image, read its analysis. */
@Controller("/v1/characters")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CharacterController {

    private final CharacterIntake intake;
    private final CharacterRepository characters;
    private final UploadSlots slots;

    public CharacterController(CharacterIntake intake, CharacterRepository characters, UploadSlots slots) {
        this.intake = intake;
        this.characters = characters;
        this.slots = slots;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<Accepted> create(HttpRequest<?> request, @Part("name") @Nullable String name,
            @Part("image") @Nullable CompletedFileUpload image) throws IOException {
        if (image == null) {
            throw ApiException.invalid("image", "is required: a multipart file part with a PNG, JPEG or WebP image");
        }
        CharacterRow row = slots.run(() -> intake.accept(TenantContext.tenantId(request), name, bytesOf(image)));
        return Accepted.response(row.id(), row.status().name(), "/v1/characters/" + row.id());
    }

    private static byte[] bytesOf(CompletedFileUpload image) {
        try {
            return image.getBytes();
        } catch (IOException e) {
            throw ApiException.invalid("image", "could not be read to its end");
        }
    }

    @Get("/{id}")
    public CharacterView get(HttpRequest<?> request, @PathVariable("id") String id) {
        UUID characterId = Ids.parse("id", id);
        return characters.findByIdAndTenantId(characterId, TenantContext.tenantId(request))
                .map(CharacterView::of)
                .orElseThrow(() -> ApiException.notFound("id", "character"));
    }
}
