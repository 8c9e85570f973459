// An SMTP server for benchmarks that accepts every message and keeps none: the far end of the
// acknowledgements the app sends while bench/mail.sh measures ingest. A relay such as Postfix
// would run on another machine; GreenMail on this one costs about 3 ms of CPU per message, more
// than the app spends sending it, so with --smtp-server sink that cost leaves the measurement.
//
//   java bench/src/SmtpSink.java --port 3125 [--host 127.0.0.1]
//
// Speaks what the app's sender uses: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffing, to the end
// marker), RSET, NOOP, QUIT; one virtual thread per connection. Prints a line a minute with the
// messages and bytes taken so far, and the totals when stopped.

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public class SmtpSink {

    static final AtomicLong messages = new AtomicLong();
    static final AtomicLong bytes = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = 3125;
        String host = "127.0.0.1";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                "SmtpSink: %d messages, %d bytes in all%n", messages.get(), bytes.get())));
        var ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> System.out.printf("SmtpSink: %d messages so far%n", messages.get()), 1, 1, TimeUnit.MINUTES);
        try (var server = new ServerSocket(port, 200, InetAddress.getByName(host));
                var connections = Executors.newVirtualThreadPerTaskExecutor()) {
            System.out.printf("SmtpSink listening on %s:%d%n", host, port);
            while (true) {
                var socket = server.accept();
                connections.execute(() -> serve(socket));
            }
        }
    }

    static void serve(Socket socket) {
        try (socket;
                var in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                var out = socket.getOutputStream()) {
            reply(out, "220 sink.bench.example ESMTP ready");
            String line;
            while ((line = readLine(in)) != null) {
                var verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink.bench.example\r\n250-8BITMIME\r\n250-SIZE 52428800\r\n250 OK");
                    case "HELO" -> reply(out, "250 sink.bench.example");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        long size = readData(in);
                        if (size < 0) {
                            return;
                        }
                        messages.incrementAndGet();
                        bytes.addAndGet(size);
                        reply(out, "250 OK queued as " + messages.get());
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to keep
        }
    }

    /** Reads the message up to the line with a single dot; its size, or -1 if the connection ended first. */
    static long readData(InputStream in) throws IOException {
        long size = 0;
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                return size;
            }
            size += line.length() + 2;
        }
        return -1;
    }

    /** One line without its CRLF (ISO-8859-1, so any byte reads), or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
