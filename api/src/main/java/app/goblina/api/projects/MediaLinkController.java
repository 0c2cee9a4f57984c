package app.goblina.api.projects;

import app.goblina.api.auth.TenantContext;
import app.goblina.api.docs.ById;
import app.goblina.api.docs.KeyAuthenticated;
import app.goblina.api.docs.LinkToDownload;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code /v1/projects/{id}/video/link} and {@code /v1/projects/{id}/scenarios/{index}/clip/link}: the same files as
 * {@code /video} and {@code /clip}, answered as a {@link MediaLink} instead of the bytes or a redirect, for clients
 * that hand the link to something that cannot send the key (the web page's {@code <video>}).
 */
@Controller("/v1/projects")
@KeyAuthenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class MediaLinkController {

    private final ProjectMedia media;
    private final VideoLinks links;

    public MediaLinkController(ProjectMedia media, VideoLinks links) {
        this.media = media;
        this.links = links;
    }

    @Get("/{id}/video/link")
    @ById
    @LinkToDownload
    public MediaLink video(HttpRequest<?> request, @PathVariable("id") String id) {
        ProjectMedia.Found found = media.render(TenantContext.tenantId(request), id);
        return links.link(found.render().blobKey(), "/v1/projects/" + found.project().id() + "/video");
    }

    @Get("/{id}/scenarios/{index}/clip/link")
    @ById
    @LinkToDownload
    public MediaLink clip(HttpRequest<?> request, @PathVariable("id") String id, @PathVariable("index") String index) {
        ProjectMedia.FoundClip found = media.clip(TenantContext.tenantId(request), id, index);
        return links.link(found.clip().blobKey(),
                "/v1/projects/" + found.project().id() + "/scenarios/" + found.index() + "/clip");
    }
}
