package vn.loaxa.receiver.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import vn.loaxa.access.ReceiverPlaces;
import vn.loaxa.account.service.ReceiverCredentials;
import vn.loaxa.receiver.model.ReceiverRepository;

/** Receivers as the features below them see them: their logins (accounts) and their places (access checks). */
@ApplicationScoped
public class ReceiverDirectory implements ReceiverCredentials, ReceiverPlaces {
    private final ReceiverRepository receivers;
    private final ReceiverSecrets secrets;

    public ReceiverDirectory(ReceiverRepository receivers, ReceiverSecrets secrets) {
        this.receivers = receivers;
        this.secrets = secrets;
    }

    @Override
    public boolean exists(String receiverId) {
        return receivers.findByIdOptional(receiverId).isPresent();
    }

    @Override
    public boolean isCurrentSecret(String receiverId, String secret) {
        return secrets.isCurrent(receiverId, secret);
    }

    @Override
    public Optional<String> areaOf(String receiverId) {
        return receivers.findByIdOptional(receiverId).map(receiver -> receiver.areaCode);
    }

    @Override
    public Set<String> idsUnder(String areaPathPattern) {
        return new HashSet<>(receivers
                .find(
                        "select r.id from Receiver r where r.areaCode in"
                                + " (select a.code from Area a where a.path like ?1 escape '\\')",
                        areaPathPattern)
                .project(String.class)
                .list());
    }
}
