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
import java.util.concurrent.ExecutorService;
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
    private final ExecutorService checks;

    BrokerAuthenticator(BrokerLogin server, TopicPolicy policy, ReceiverLogins receivers, ExecutorService checks) {
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
        // bcrypt takes tens of milliseconds: check off the broker's network threads
        Async<SimpleAuthOutput> async = output.async(CHECK_TIMEOUT, TimeoutFallback.FAILURE);
        checks.submit(() -> {
            try {
                if (receivers.isCurrentSecret(user.get(), password)) {
                    grantReceiverTopics(output.getDefaultPermissions(), user.get());
                    output.authenticateSuccessfully();
                } else {
                    refuse(output, connect, "unknown receiver, wrong secret or revoked credentials");
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Broker login of '%s' could not be checked", user.get());
                output.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "try again later");
            } finally {
                async.resume();
            }
        });
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
