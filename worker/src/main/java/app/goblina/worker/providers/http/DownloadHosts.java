package app.goblina.worker.providers.http;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The hosts a provider may send us to for a file: its API host and the storage hosts named in configuration. A
 * download link elsewhere is refused, so a compromised or confused answer cannot make the worker fetch internal
 * addresses. An entry matches the host itself and its subdomains ({@code replicate.delivery} also allows
 * {@code pbxt.replicate.delivery}). Links must be https, unless the API itself is plain http (a local fake or a
 * gateway inside the network): a download never downgrades below the API's own scheme.
 */
public final class DownloadHosts {

    private final List<String> hosts;
    private final boolean plainHttpAllowed;

    /**
     * @param api     the provider's API base URL: its host is always allowed, its scheme sets the floor
     * @param others  further hosts from configuration, may be empty
     */
    public DownloadHosts(URI api, Collection<String> others) {
        this.hosts = java.util.stream.Stream.concat(java.util.stream.Stream.of(api.getHost()), others.stream())
                .filter(h -> h != null && !h.isBlank())
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .map(h -> h.startsWith(".") ? h.substring(1) : h)
                .distinct()
                .toList();
        this.plainHttpAllowed = "http".equalsIgnoreCase(api.getScheme());
    }

    public boolean allows(URI link) {
        if (link == null || link.getHost() == null || link.getUserInfo() != null) {
            return false;
        }
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && plainHttpAllowed)) {
            return false;
        }
        String host = link.getHost().toLowerCase(Locale.ROOT);
        return hosts.stream().anyMatch(allowed -> host.equals(allowed) || host.endsWith("." + allowed));
    }

    @Override
    public String toString() {
        return "DownloadHosts" + hosts;
    }
}
