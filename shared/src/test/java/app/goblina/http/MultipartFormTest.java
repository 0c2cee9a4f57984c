package app.goblina.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.goblina.testkit.fakes.MultipartParts;
import app.goblina.testkit.fakes.MultipartParts.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer read back by the strict reader the fakes use, which was written separately from it. */
class MultipartFormTest {

    @Test
    void fieldsAndAFileComeBackExactlyWithTheFilesTypeAndName() {
        // given a text field with non-ASCII text and a binary file holding CR LF and a dash pair
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', '-', '-', 0, (byte) 0xff};
        MultipartForm form = new MultipartForm().field("name", "Mx. Göblina").field("seconds", "4")
                .file("input_reference", "reference.png", "image/png", image);

        // when
        List<Part> parts = MultipartParts.parse(form.contentType(), form.toByteArray());

        // then
        assertThat(parts).extracting(Part::name).containsExactly("name", "seconds", "input_reference");
        assertThat(parts.get(0).text()).isEqualTo("Mx. Göblina");
        assertThat(parts.get(0).filename()).isNull();
        assertThat(parts.get(0).contentType()).isNull();
        Part file = parts.get(2);
        assertThat(file.filename()).isEqualTo("reference.png");
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.content()).isEqualTo(image);
    }

    @Test
    void theBodyEndsWithTheClosingDelimiterAndTheFormCanBeReadTwice() {
        // given
        MultipartForm form = new MultipartForm().field("prompt", "waves");

        // when
        byte[] first = form.toByteArray();
        byte[] second = form.toByteArray();

        // then
        String boundary = form.contentType().substring("multipart/form-data; boundary=".length());
        assertThat(new String(first, StandardCharsets.UTF_8)).endsWith("\r\n--" + boundary + "--\r\n");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyFormHasItsOwnBoundary() {
        // then
        assertThat(new MultipartForm().contentType()).startsWith("multipart/form-data; boundary=goblina-")
                .isNotEqualTo(new MultipartForm().contentType());
    }
}
