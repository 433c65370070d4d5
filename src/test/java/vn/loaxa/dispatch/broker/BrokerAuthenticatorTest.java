package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.loaxa.dispatch.mqtt.TopicPolicy;
import vn.loaxa.dispatch.mqtt.Topics;

/** A receiver's login is checked only while the broker still waits for the answer, and answered only then. */
class BrokerAuthenticatorTest {
    private final AtomicReference<Async.Status> status = new AtomicReference<>(Async.Status.RUNNING);
    private final List<String> decisions = new ArrayList<>();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();
    private Supplier<Async.Status> statusAnswer = status::get;

    @Test
    void shouldNotCheckALoginTheBrokerHasAlreadyGivenUpOn() {
        status.set(Async.Status.CANCELED);

        authenticator(false).onConnect(connect("rx-1", "secret"), output());

        assertThat(checks).hasValue(0);
        assertThat(decisions).isEmpty();
    }

    @Test
    void shouldNotAnswerALoginWhoseCheckOutlastedTheBrokersLimit() {
        authenticator(true, () -> status.set(Async.Status.CANCELED)).onConnect(connect("rx-1", "secret"), output());

        assertThat(checks).hasValue(1);
        assertThat(decisions).isEmpty();
    }

    @Test
    void shouldLeaveALoginWhoseLimitRanOutAsItWasAnsweredToTheBrokersFallback() {
        AtomicInteger looks = new AtomicInteger();
        statusAnswer = () -> looks.incrementAndGet() <= 2 ? Async.Status.RUNNING : Async.Status.CANCELED;

        authenticator(false).onConnect(connect("rx-1", "wrong"), output());

        assertThat(checks).hasValue(1);
        assertThat(decisions).isEmpty();
        assertThat(resumed).hasValue(1);
    }

    @Test
    void shouldRefuseAWrongSecretCheckedInTime() {
        authenticator(false).onConnect(connect("rx-1", "wrong"), output());

        assertThat(checks).hasValue(1);
        assertThat(decisions).containsExactly("failAuthentication");
        assertThat(resumed).hasValue(1);
    }

    private BrokerAuthenticator authenticator(boolean current) {
        return authenticator(current, () -> {});
    }

    private BrokerAuthenticator authenticator(boolean current, Runnable duringCheck) {
        ReceiverLogins logins = new ReceiverLogins(null, null) {
            @Override
            public boolean isCurrentSecret(String receiverId, byte[] secret) {
                checks.incrementAndGet();
                duringCheck.run();
                return current;
            }

            @Override
            public List<String> areaChain(String receiverId) {
                return List.of();
            }
        };
        return new BrokerAuthenticator(
                new BrokerLogin("loaxa-server", "server-password"),
                new TopicPolicy(new Topics("loaxa")),
                logins,
                Runnable::run);
    }

    private static SimpleAuthInput connect(String receiverId, String secret) {
        ConnectPacket packet = proxy(ConnectPacket.class, (name, args) -> switch (name) {
            case "getUserName" -> Optional.of(receiverId);
            case "getClientId" -> receiverId;
            case "getPassword" -> Optional.of(ByteBuffer.wrap(secret.getBytes(StandardCharsets.UTF_8)));
            default -> throw new UnsupportedOperationException(name);
        });
        return proxy(SimpleAuthInput.class, (name, args) -> {
            if (name.equals("getConnectPacket")) {
                return packet;
            }
            throw new UnsupportedOperationException(name);
        });
    }

    private SimpleAuthOutput output() {
        @SuppressWarnings("unchecked")
        Async<SimpleAuthOutput> async = proxy(Async.class, (name, args) -> switch (name) {
            case "getStatus" -> statusAnswer.get();
            case "resume" -> {
                resumed.incrementAndGet();
                yield null;
            }
            default -> throw new UnsupportedOperationException(name);
        });
        return proxy(SimpleAuthOutput.class, (name, args) -> {
            if (name.equals("async")) {
                return async;
            }
            if (statusAnswer.get() != Async.Status.RUNNING) {
                throw new IllegalStateException(name + " after the broker's timeout");
            }
            decisions.add(name);
            return null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
