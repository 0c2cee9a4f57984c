package app.goblina.webhooks;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which URLs a project's completion callback may go to. The API checks a {@code callbackUrl} when the project is
 * submitted; the worker checks it again right before each attempt and connects to the very address it checked, so a
 * name that resolved to a public address at submission and to an internal one later (DNS rebinding) is never
 * reached.
 *
 * <p>A callback is an {@code https} URL of at most {@link #MAX_LENGTH} characters, without a user name, password or
 * fragment, whose host resolves to public addresses only: no loopback, private (RFC 1918, carrier-grade NAT, IPv6
 * unique-local), link-local, cloud metadata, multicast or reserved address, IPv4 addresses inside IPv6 ones
 * included. The operator may allow internal receivers ({@link CallbackConfig#allowedHosts()}), and on a development
 * machine plain {@code http} to loopback ({@link CallbackConfig#allowHttpLoopback()}).
 *
 * <p>Reasons are written for the client and never name a resolved address: they could tell an outsider about the
 * internal network.
 */
@Singleton
public class CallbackUrlPolicy {

    public static final int MAX_LENGTH = 2048;

    /** The addresses clouds serve instance metadata and credentials on. */
    private static final Set<String> METADATA = Set.of("169.254.169.254", "169.254.170.2", "169.254.169.253",
            "fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "192.0.0.192");

    /** Resolves a host name to its addresses; the system resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to deliver: the URL and the checked addresses to connect to, in the resolver's order. */
    public record Target(URI uri, String host, int port, boolean tls, List<InetAddress> addresses) {
    }

    /** A URL that may not be used, with the reason in words for the client. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }

        public String reason() {
            return getMessage();
        }
    }

    private final CallbackConfig config;
    private final AllowedHosts allowed;
    private final Resolver resolver;

    @Inject
    public CallbackUrlPolicy(CallbackConfig config) {
        this(config, InetAddress::getAllByName);
    }

    public CallbackUrlPolicy(CallbackConfig config, Resolver resolver) {
        this.config = config;
        this.allowed = AllowedHosts.parse(config.allowedHosts());
        this.resolver = resolver;
    }

    /** Why a submitted {@code callbackUrl} is refused, or empty when it may be used. */
    public Optional<String> refusal(String url) {
        try {
            target(url);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.reason());
        } catch (UnknownHostException unknown) {
            return Optional.of("its host name does not resolve");
        }
    }

    /**
     * Parses {@code url}, resolves its host now and checks every address.
     *
     * @throws Refused             when the URL may not be used, with the reason
     * @throws UnknownHostException when the host does not resolve (perhaps only for now)
     */
    public Target target(String url) throws Refused, UnknownHostException {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !(scheme.equals("http") && config.allowHttpLoopback())) {
            throw new Refused("must be an https URL");
        }
        String host = bareHost(uri.getHost());
        boolean literal = isAddressLiteral(host);
        InetAddress[] resolved = resolver.resolve(host);
        if (resolved == null || resolved.length == 0) {
            throw new UnknownHostException("no addresses");
        }
        boolean trustedName = allowed.names().contains(normalizedName(host));
        boolean allLoopback = true;
        List<InetAddress> addresses = new ArrayList<>();
        for (InetAddress address : resolved) {
            Optional<Kind> kind = kind(address);
            allLoopback &= kind.orElse(null) == Kind.LOOPBACK;
            if (kind.isPresent() && !trustedName && !allowed.contains(address)
                    && !(kind.get() == Kind.LOOPBACK && config.allowHttpLoopback())) {
                throw new Refused((literal ? "is " : "resolves to ") + kind.get().words
                        + "; callbacks reach public addresses only, unless the operator allows this host");
            }
            addresses.add(address);
        }
        if (!tls && !allLoopback) {
            throw new Refused("must be an https URL (plain http goes to a loopback address only)");
        }
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        return new Target(uri, host, port, tls, List.copyOf(addresses));
    }

    private static URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("must not be empty");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("must be at most " + MAX_LENGTH + " characters, got " + url.length());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        if (uri.getScheme() == null || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new Refused("must be an absolute https URL, such as https://hooks.example.com/goblina");
        }
        // an authority Java cannot read as host[:port] still counts: "user@" anywhere in it is a user name
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            throw new Refused("must not contain a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("has no valid host name");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment (#...)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new Refused("has an invalid port");
        }
        return uri;
    }

    /** Why {@code address} is not a public one, or empty when it is. */
    static Optional<Kind> kind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            Inet4Address embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return kind(embedded);
            }
        }
        if (METADATA.contains(address.getHostAddress())) {
            return Optional.of(Kind.METADATA);
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of(Kind.RESERVED);
        }
        if (address.isLoopbackAddress()) {
            return Optional.of(Kind.LOOPBACK);
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(Kind.LINK_LOCAL);
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of(Kind.PRIVATE);
        }
        if (address.isMulticastAddress()) {
            return Optional.of(Kind.MULTICAST);
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (b.length == 4) {
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of(Kind.PRIVATE); // carrier-grade NAT, 100.64.0.0/10
            }
            if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of(Kind.RESERVED); // this network, 240/4 and broadcast, IETF protocol, benchmarking
            }
            return Optional.empty();
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of(Kind.PRIVATE); // unique local, fc00::/7
        }
        if (first == 0) {
            return Optional.of(Kind.RESERVED); // ::/8 but the loopback and unspecified addresses handled above
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible, IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        try {
            if (compatible || mapped || nat64) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return (Inet4Address) InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]+(\\.[0-9]+){0,3}");

    static boolean isAddressLiteral(String host) {
        return host.contains(":") || IPV4_LITERAL.matcher(host).matches();
    }

    private static String normalizedName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** What makes an address unfit for a callback, in words. */
    enum Kind {
        LOOPBACK("a loopback address"),
        PRIVATE("a private address"),
        LINK_LOCAL("a link-local address"),
        METADATA("a cloud metadata address"),
        MULTICAST("a multicast address"),
        RESERVED("a reserved address, not a public one");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /** {@link CallbackConfig#allowedHosts()}, read: host names, and address ranges. */
    record AllowedHosts(Set<String> names, List<Range> ranges) {

        private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

        static AllowedHosts parse(List<String> entries) {
            Set<String> names = new HashSet<>();
            List<Range> ranges = new ArrayList<>();
            for (String raw : entries) {
                String entry = raw.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
                if (isAddressLiteral(bareHost(address))) {
                    ranges.add(Range.parse(entry));
                } else if (HOST_NAME.matcher(normalizedName(entry)).matches()) {
                    names.add(normalizedName(entry));
                } else {
                    throw invalid(entry);
                }
            }
            return new AllowedHosts(Set.copyOf(names), List.copyOf(ranges));
        }

        boolean contains(InetAddress address) {
            return ranges.stream().anyMatch(range -> range.contains(address));
        }

        static IllegalArgumentException invalid(String entry) {
            return new IllegalArgumentException("goblina.callbacks.allowed-hosts: '" + entry
                    + "' is neither a host name, an address nor a CIDR range such as 10.0.3.0/24");
        }
    }

    /** An address range in CIDR notation; a bare address is a range of one. */
    record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String address = bareHost(slash < 0 ? entry : entry.substring(0, slash));
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw AllowedHosts.invalid(entry);
            }
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw AllowedHosts.invalid(entry);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw AllowedHosts.invalid(entry);
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Range range && range.prefix == prefix && java.util.Arrays.equals(range.network, network);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(network) + prefix;
        }

        @Override
        public String toString() {
            return java.util.HexFormat.of().formatHex(network) + "/" + prefix;
        }
    }
}
