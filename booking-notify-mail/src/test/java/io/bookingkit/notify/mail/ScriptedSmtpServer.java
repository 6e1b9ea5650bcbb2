package io.bookingkit.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 that answers as it is told, for the replies GreenMail never gives: a
 * recipient refused with 550 or 451, a greeting of 421, a connection dropped in the middle of DATA.
 * One connection at a time, every read bounded by a timeout; {@link #close()} stops it.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String greeting = "220 scripted ESMTP";
    private volatile String rcptReply = "250 2.1.5 ok";
    private volatile String dataReply = "250 2.0.0 queued";
    private volatile boolean dropInData;

    ScriptedSmtpServer() {
        try {
            socket = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    ScriptedSmtpServer greeting(String reply) {
        this.greeting = reply;
        return this;
    }

    ScriptedSmtpServer rcpt(String reply) {
        this.rcptReply = reply;
        return this;
    }

    ScriptedSmtpServer data(String reply) {
        this.dataReply = reply;
        return this;
    }

    ScriptedSmtpServer dropInData(boolean drop) {
        this.dropInData = drop;
        return this;
    }

    /** Messages the server took (answered 250 after DATA). */
    int accepted() {
        return accepted.get();
    }

    int connections() {
        return connections.get();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                connections.incrementAndGet();
                client.setSoTimeout(10_000);
                converse(client);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // A client that went away; wait for the next.
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        String hello = greeting;
        reply(out, hello);
        if (!hello.startsWith("2")) {
            return;
        }
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 scripted");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                case "RCPT" -> reply(out, rcptReply);
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    if (dropInData) {
                        in.readLine();
                        return;
                    }
                    String body;
                    while ((body = in.readLine()) != null && !body.equals(".")) {
                        // The message itself; the tests read it from GreenMail.
                    }
                    String r = dataReply;
                    if (r.startsWith("250")) {
                        accepted.incrementAndGet();
                    }
                    reply(out, r);
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "502 5.5.1 not implemented");
            }
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            thread.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
