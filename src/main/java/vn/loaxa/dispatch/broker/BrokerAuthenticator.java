package vn.loaxa.dispatch.broker;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.TopicPolicy;
import vn.loaxa.dispatch.mqtt.Topics;

/**
 * The embedded broker's gate: the server logs in with its own credentials and may use every topic; a receiver logs
 * in with its id (as both user name and client id, so that nobody can take over another receiver's session) and
 * its secret, and gets exactly the topics of {@link TopicPolicy}; everyone else is refused.
 */
final class BrokerAuthenticator implements SimpleAuthenticator {
    private static final Logger LOG = Logger.getLogger(BrokerAuthenticator.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerLogin server;
    private final TopicPolicy policy;
    private final ReceiverLogins receivers;
    private final Executor checks;

    BrokerAuthenticator(BrokerLogin server, TopicPolicy policy, ReceiverLogins receivers, Executor checks) {
        this.server = server;
        this.policy = policy;
        this.receivers = receivers;
        this.checks = checks;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Optional<String> user = connect.getUserName();
        byte[] password = connect.getPassword().map(BrokerAuthenticator::bytes).orElse(null);
        if (user.isEmpty() || password == null) {
            refuse(output, connect, "no user name or password");
            return;
        }
        if (user.get().equals(server.username())) {
            if (MessageDigest.isEqual(password, server.passwordBytes())) {
                output.getDefaultPermissions().add(allow("#", TopicPermission.MqttActivity.ALL));
                output.authenticateSuccessfully();
            } else {
                refuse(output, connect, "wrong server password");
            }
            return;
        }
        if (!Topics.isValidReceiverId(user.get()) || !user.get().equals(connect.getClientId())) {
            refuse(output, connect, "a receiver must connect with its id as user name and client id");
            return;
        }
        // the check reads the database (and, for a secret not yet rehashed, runs bcrypt): off the network threads
        Async<SimpleAuthOutput> async = output.async(CHECK_TIMEOUT, TimeoutFallback.FAILURE);
        checks.execute(() -> {
            try {
                // a check still queued when the broker gave up on it would only delay the ones behind it
                if (timedOut(async, user.get())) {
                    return;
                }
                boolean current = receivers.isCurrentSecret(user.get(), password);
                if (timedOut(async, user.get())) {
                    return;
                }
                if (current) {
                    grantReceiverTopics(output.getDefaultPermissions(), user.get());
                    output.authenticateSuccessfully();
                } else {
                    refuse(output, connect, "unknown receiver, wrong secret or revoked credentials");
                }
            } catch (RuntimeException e) {
                // HiveMQ refuses a decision made as the limit runs out; the broker has answered by then
                if (!timedOut(async, user.get())) {
                    LOG.warnf(e, "Broker login of '%s' could not be checked", user.get());
                    output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "try again later");
                }
            } finally {
                async.resume();
            }
        });
    }

    /**
     * Whether the broker has already answered the login with its timeout fallback; HiveMQ refuses any decision made
     * after that, and the client has stopped waiting.
     */
    private static boolean timedOut(Async<SimpleAuthOutput> async, String receiverId) {
        if (async.getStatus() == Async.Status.RUNNING) {
            return false;
        }
        LOG.debugf(
                "Broker login of '%s' left unchecked: it waited past the broker's limit of %s",
                receiverId, CHECK_TIMEOUT);
        return true;
    }

    private void grantReceiverTopics(ModifiableDefaultPermissions permissions, String receiverId) {
        // the area grants are fixed at login: a receiver that moves gets its new areas' topics when it reconnects
        for (TopicPolicy.Grant grant : policy.grantsFor(receiverId, receivers.areaChain(receiverId))) {
            permissions.add(allow(
                    grant.topic(),
                    grant.access() == TopicPolicy.Access.PUBLISH
                            ? TopicPermission.MqttActivity.PUBLISH
                            : TopicPermission.MqttActivity.SUBSCRIBE));
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission()
                .topicFilter(filter)
                .activity(activity)
                .type(TopicPermission.PermissionType.ALLOW)
                .build();
    }

    private static void refuse(SimpleAuthOutput output, ConnectPacket connect, String why) {
        LOG.warnf(
                "Broker refused client '%s' (user '%s'): %s",
                connect.getClientId(), connect.getUserName().orElse(""), why);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "not authorized");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
