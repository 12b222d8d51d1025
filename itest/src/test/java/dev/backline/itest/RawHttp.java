package dev.backline.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An HTTP/1.1 exchange written byte for byte, so that no client library normalises the path or the headers. */
public record RawHttp(int status, String headers, String body) {

    public static RawHttp get(int port, String path, String authorization, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return exchange(port, request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** POSTs {@code size} bytes of JSON-ish body in chunks, without a declared length. */
    public static RawHttp chunked(int port, String path, String authorization, int size) {
        return post(port, path, authorization, "Transfer-Encoding: chunked", size, true);
    }

    /** POSTs {@code size} bytes with {@code Content-Length: size}, reading the answer even if it comes before the body is sent. */
    public static RawHttp sized(int port, String path, String authorization, int size) {
        return post(port, path, authorization, "Content-Length: " + size, size, false);
    }

    private static RawHttp post(int port, String path, String authorization, String framing, int size, boolean chunked) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    int length = Math.min(chunk.length, size - sent);
                    if (chunked) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk, 0, length);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closedEarly) {
                // the server answered and closed before the whole body was sent: read its answer
            }
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawHttp exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawHttp parse(InputStream in) throws IOException {
        String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int split = response.indexOf("\r\n\r\n");
        String head = split < 0 ? response : response.substring(0, split);
        String body = split < 0 ? "" : response.substring(split + 4);
        String[] statusLine = head.split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        return new RawHttp(status, head, body);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
