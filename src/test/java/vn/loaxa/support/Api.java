package vn.loaxa.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** REST Assured requests as the test admin. */
public final class Api {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    /** The server's broker login in tests, on the embedded broker and on Mosquitto alike. */
    public static final String MQTT_USER = "loaxa-server";

    public static final String MQTT_PASSWORD = "test-mqtt-password";

    private Api() {}

    public static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }
}
