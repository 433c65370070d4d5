package vn.loaxa.receiver.api;

/** A newly issued receiver secret; it is shown only once and stored only as hashes. */
public record SecretView(String receiverId, String secret) {}
