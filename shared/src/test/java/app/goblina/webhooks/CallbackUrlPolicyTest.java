package app.goblina.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.goblina.testkit.TestDatabase;
import app.goblina.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.MapPropertySource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which callback URLs may be used, with host names answered by a resolver of the test's own (a real one would
 * need the network), and the settings as Micronaut binds them from the environment.
 */
class CallbackUrlPolicyTest {

    private static final CallbackConfig DEFAULTS = new CallbackConfig(false, List.of(), List.of(Duration.ofSeconds(5)),
            Duration.ofSeconds(5), Duration.ofSeconds(15));

    private final Map<String, String> dns = new HashMap<>(Map.of(
            "hooks.example.com", "93.184.216.34",
            "intranet.example.com", "10.1.2.3",
            "localhost", "127.0.0.1"));

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(policy(DEFAULTS).refusal("https://hooks.example.com/n8n/webhook/3f2a?x=1")).isEmpty();
        assertThat(policy(DEFAULTS).refusal("https://93.184.216.34:8443/hook")).isEmpty();
    }

    @Test
    void anythingButHttpsIsRefused() {
        assertThat(policy(DEFAULTS).refusal("http://hooks.example.com/hook")).hasValue("must be an https URL");
        assertThat(policy(DEFAULTS).refusal("ftp://hooks.example.com/hook")).hasValue("must be an https URL");
        assertThat(policy(DEFAULTS).refusal("hooks.example.com/hook")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("must be an absolute https URL"));
        assertThat(policy(DEFAULTS).refusal("https:opaque")).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("must be an absolute https URL"));
    }

    @Test
    void aUrlWithAUserNameOrPasswordIsRefused() {
        assertThat(policy(DEFAULTS).refusal("https://zapier:hunter2@hooks.example.com/hook"))
                .hasValue("must not contain a user name or password");
        assertThat(policy(DEFAULTS).refusal("https://admin@hooks.example.com/hook"))
                .hasValue("must not contain a user name or password");
    }

    @Test
    void aUrlOverTwoThousandAndFortyEightCharactersIsRefused() {
        String base = "https://hooks.example.com/";
        assertThat(policy(DEFAULTS).refusal(base + "a".repeat(CallbackUrlPolicy.MAX_LENGTH - base.length()))).isEmpty();
        assertThat(policy(DEFAULTS).refusal(base + "a".repeat(CallbackUrlPolicy.MAX_LENGTH - base.length() + 1)))
                .hasValue("must be at most 2048 characters, got 2049");
    }

    @Test
    void malformedAndEmptyUrlsAreRefused() {
        assertThat(policy(DEFAULTS).refusal("")).hasValue("must not be empty");
        assertThat(policy(DEFAULTS).refusal("https://hooks.example.com/a b")).hasValue("is not a valid URL");
        assertThat(policy(DEFAULTS).refusal("https://hooks.example.com/#frag")).hasValue("must not have a fragment (#...)");
        assertThat(policy(DEFAULTS).refusal("https://under_score.example.com/")).hasValue("has no valid host name");
        assertThat(policy(DEFAULTS).refusal("https://nowhere.example.com/")).hasValue("its host name does not resolve");
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefusedWhetherWrittenOrResolved() {
        CallbackUrlPolicy policy = policy(DEFAULTS);
        assertThat(policy.refusal("https://10.0.0.7/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://172.16.3.4/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://192.168.1.1/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://100.64.0.1/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://[fd12:3456::1]/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://127.0.0.1/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a loopback address"));
        assertThat(policy.refusal("https://[::1]/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a loopback address"));
        assertThat(policy.refusal("https://localhost/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("resolves to a loopback address"));
        assertThat(policy.refusal("https://169.254.10.1/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a link-local address"));
        assertThat(policy.refusal("https://[fe80::1]/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a link-local address"));
        assertThat(policy.refusal("https://169.254.169.254/latest/meta-data/"))
                .hasValueSatisfying(r -> assertThat(r).startsWith("is a cloud metadata address"));
        assertThat(policy.refusal("https://[fd00:ec2::254]/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a cloud metadata address"));
        assertThat(policy.refusal("https://0.0.0.0/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a reserved address"));
        assertThat(policy.refusal("https://224.0.0.1/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a multicast address"));
        assertThat(policy.refusal("https://intranet.example.com/hook"))
                .hasValueSatisfying(r -> assertThat(r).startsWith("resolves to a private address").doesNotContain("10.1.2.3"));
    }

    @Test
    void anIpv4AddressHiddenInAnIpv6OneIsJudgedAsTheIpv4One() {
        CallbackUrlPolicy policy = policy(DEFAULTS);
        assertThat(policy.refusal("https://[::ffff:127.0.0.1]/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a loopback address"));
        assertThat(policy.refusal("https://[::ffff:169.254.169.254]/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a cloud metadata address"));
        assertThat(policy.refusal("https://[64:ff9b::10.0.0.1]/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://[2002:a00:1::]/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("https://[64:ff9b::5db8:d822]/")).as("93.184.216.34 through NAT64").isEmpty();
    }

    @Test
    void aNameThatResolvesToOnePublicAndOnePrivateAddressIsRefused() {
        CallbackUrlPolicy policy = new CallbackUrlPolicy(DEFAULTS, host -> new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")});
        assertThat(policy.refusal("https://mixed.example.com/")).hasValueSatisfying(
                r -> assertThat(r).startsWith("resolves to a private address"));
    }

    @Test
    void theOperatorMayAllowInternalHostsByNameOrRangeButStillOnlyOverHttps() {
        CallbackUrlPolicy policy = policy(new CallbackConfig(false, List.of("Intranet.Example.com", "192.168.7.0/24"),
                List.of(), Duration.ofSeconds(5), Duration.ofSeconds(15)));
        assertThat(policy.refusal("https://intranet.example.com/hook")).isEmpty();
        assertThat(policy.refusal("https://192.168.7.20/hook")).isEmpty();
        assertThat(policy.refusal("https://192.168.8.20/hook")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
        assertThat(policy.refusal("http://intranet.example.com/hook")).hasValue("must be an https URL");
        assertThatThrownBy(() -> new CallbackConfig(false, List.of("10.0.0.0/99"), List.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(15))).hasMessageContaining("goblina.callbacks.allowed-hosts").hasMessageContaining("10.0.0.0/99");
    }

    @Test
    void onADevelopmentMachinePlainHttpMayReachLoopbackAndNothingElse() {
        CallbackUrlPolicy policy = policy(new CallbackConfig(true, List.of(), List.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(15)));
        assertThat(policy.refusal("http://127.0.0.1:5678/webhook/goblina")).isEmpty();
        assertThat(policy.refusal("http://localhost:5678/webhook/goblina")).isEmpty();
        assertThat(policy.refusal("http://[::1]:5678/")).isEmpty();
        assertThat(policy.refusal("http://hooks.example.com/")).hasValue("must be an https URL (plain http goes to a loopback address only)");
        assertThat(policy.refusal("http://10.0.0.7/")).hasValueSatisfying(r -> assertThat(r).startsWith("is a private address"));
    }

    @Test
    void theTargetIsResolvedAgainAtEveryLookSoANameRebindToAnInternalAddressIsRefusedLater() throws Exception {
        AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
        CallbackUrlPolicy policy = new CallbackUrlPolicy(DEFAULTS, host -> new InetAddress[] {InetAddress.getByName(answer.get())});
        CallbackUrlPolicy.Target target = policy.target("https://rebind.example.com/hook");
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.tls()).isTrue();

        answer.set("169.254.169.254");
        assertThatThrownBy(() -> policy.target("https://rebind.example.com/hook"))
                .isInstanceOf(CallbackUrlPolicy.Refused.class).hasMessageStartingWith("resolves to a cloud metadata address");
    }

    @Test
    void theSettingsAreBoundFromTheEnvironmentWithEightAttemptsOverAboutFourHoursByDefault() {
        TestDatabase database = TestPostgres.newDatabase();
        try (ApplicationContext context = context(database, Map.of())) {
            CallbackConfig config = context.getBean(CallbackConfig.class);
            assertThat(config.allowHttpLoopback()).isFalse();
            assertThat(config.allowedHosts()).isEmpty();
            assertThat(config.attempts()).isEqualTo(8);
            assertThat(config.retryWaits().stream().reduce(Duration.ZERO, Duration::plus))
                    .isBetween(Duration.ofHours(3), Duration.ofHours(5));
            assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(15));
        }
        try (ApplicationContext context = context(database, Map.of("GOBLINA_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true",
                "GOBLINA_CALLBACKS_ALLOWED_HOSTS", "n8n.internal, 10.0.3.0/24", "GOBLINA_CALLBACKS_RETRY_WAITS", "1s,2s",
                "GOBLINA_CALLBACKS_TIMEOUT", "3s"))) {
            CallbackConfig config = context.getBean(CallbackConfig.class);
            assertThat(config.allowHttpLoopback()).isTrue();
            assertThat(config.allowedHosts()).containsExactly("n8n.internal", "10.0.3.0/24");
            assertThat(config.retryWaits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(config.attempts()).isEqualTo(3);
            assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    private CallbackUrlPolicy policy(CallbackConfig config) {
        return new CallbackUrlPolicy(config, host -> {
            String address = dns.get(host);
            if (address != null) {
                return new InetAddress[] {InetAddress.getByName(address)};
            }
            if (CallbackUrlPolicy.isAddressLiteral(host)) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        });
    }

    private static ApplicationContext context(TestDatabase database, Map<String, String> variables) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .properties(Map.of(
                        "datasources.default.url", database.jdbcUrl(),
                        "datasources.default.username", database.username(),
                        "datasources.default.password", database.password()))
                .propertySources(new MapPropertySource("test-environment", new HashMap<String, Object>(variables)) {
                    @Override
                    public PropertyConvention getConvention() {
                        return PropertyConvention.ENVIRONMENT_VARIABLE;
                    }
                })
                .start();
    }
}
