package dev.backline.http.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ErrorBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClientErrorKeepsJettysReasonInBackstagesShape() throws Exception {
        Map<?, ?> body = JSON.readValue(ErrorBody.json(400, "Ambiguous URI path separator", false, "GET", "/api/a/..%2fb"), Map.class);
        assertEquals(Map.of("name", "InputError", "message", "Ambiguous URI path separator"), body.get("error"));
        assertEquals(Map.of("method", "GET", "url", "/api/a/..%2fb"), body.get("request"));
        assertEquals(Map.of("statusCode", 400), body.get("response"));
    }

    @Test
    void aServerErrorOrAnExceptionsTextIsNeverShown() throws Exception {
        Map<?, ?> server = JSON.readValue(ErrorBody.json(500, "java.lang.IllegalStateException: pool /db secret", false, "GET", "/x"), Map.class);
        assertEquals(Map.of("name", "Error", "message", "Server Error"), server.get("error"));
        Map<?, ?> caused = JSON.readValue(ErrorBody.json(400, "java.io.IOException: at Foo.java:12", true, "POST", "/x"), Map.class);
        assertEquals(Map.of("name", "InputError", "message", "Bad Request"), caused.get("error"));
    }

    @Test
    void aRequestThatCouldNotBeParsedStillHasTheShapeAndAName() throws Exception {
        Map<?, ?> body = JSON.readValue(ErrorBody.json(431, "Request Header Fields Too Large", false, null, null), Map.class);
        assertEquals(Map.of("name", "RequestHeaderFieldsTooLargeError", "message", "Request Header Fields Too Large"), body.get("error"));
        assertEquals(Map.of("method", "", "url", ""), body.get("request"));
    }
}
