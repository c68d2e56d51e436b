package io.budgetwatch.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, one connection per request ({@code Connection: close}).
 * Unlike java.net.http or rest-assured it sends the request target exactly as given: malformed '%' escapes,
 * raw bytes, anything a hostile client would send. An event stream is read up to its first message.
 */
public final class RawHttp {

    /** An answer: status, headers (lower-case names) and body; status -1 when the server closed without one. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final Duration timeout;

    private final String bearer;

    public RawHttp(URI base, Duration timeout) {
        this(base, timeout, null);
    }

    /** Requests carry {@code Authorization: Bearer <bearer>} when it is not null. */
    public RawHttp(URI base, Duration timeout, String bearer) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.timeout = timeout;
        this.bearer = bearer;
    }

    /**
     * Sends one request. {@code target} is written as is (each char as one byte, ISO-8859-1), {@code body}
     * may be null (no body, no Content-Length).
     */
    public Answer send(String method, String target, String contentType, byte[] body, String acceptLanguage)
            throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Accept: application/json, application/problem+json, */*\r\n")
                .append("Connection: close\r\n");
        if (acceptLanguage != null) {
            head.append("Accept-Language: ").append(acceptLanguage).append("\r\n");
        }
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (body != null) {
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything (e.g. a request line too long): read it
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all;
        try {
            all = readAnswer(in);
        } catch (IOException e) {
            all = new byte[0];
        }
        int end = indexOf(all, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (end < 0) {
            return new Answer(-1, Map.of(), all);
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (length < body.length) {
                body = java.util.Arrays.copyOf(body, length);
            }
        }
        return new Answer(Integer.parseInt(status[1]), headers, body);
    }

    /**
     * Everything up to the end of the connection; of an event stream ({@code text/event-stream}, which never ends by
     * itself), up to the end of its first message (a blank line).
     */
    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, n);
            byte[] sofar = all.toByteArray();
            if (headEnd < 0 && (headEnd = indexOf(sofar, new byte[] {'\r', '\n', '\r', '\n'}, 0)) < 0) {
                continue;
            }
            if (!new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                    .matches("(?s).*\r\ncontent-type: *text/event-stream.*")) {
                all.write(in.readAllBytes());
                break;
            }
            if (indexOf(sofar, new byte[] {'\n', '\n'}, headEnd + 4) >= 0) {
                break;
            }
        }
        return all.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(n, chunked.length - start));
            pos = start + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
