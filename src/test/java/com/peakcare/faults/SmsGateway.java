package com.peakcare.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The SMS gateway as the fault tests need it, on plain sockets so that it can also misbehave: it answers (after a
 * delay), or it accepts connections and never answers (a hung gateway), and it records every request with its
 * {@code Idempotency-Key}, or it takes no connection at all (its accept queue is full, so a client's connect times
 * out). Like a real gateway it delivers each key once: a repeat of a key it has already delivered
 * (PeakCare re-sends a notice whose outcome it could not record, with the same key) is answered but not delivered
 * again. A request it hung on is not delivered. So "every notice reached the customer exactly once" reads: every
 * expected key was delivered, and each repeat is accounted for.
 */
final class SmsGateway implements AutoCloseable {

  enum Mode { ANSWER, HANG }

  /** One request as the gateway saw it. */
  record Request(String key, Instant received, Instant done, Outcome outcome) {
    Duration held() {
      return Duration.between(received, done);
    }
  }

  enum Outcome { DELIVERED, REPEAT, HUNG }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sms-gateway-stub");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Instant> delivered = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private volatile Mode mode = Mode.ANSWER;
  private volatile int delayMillis;
  private volatile long hangGeneration;
  private volatile boolean accepting = true;
  private final List<Socket> fillers = new ArrayList<>();

  SmsGateway(int delayMillis) throws IOException {
    this.delayMillis = delayMillis;
    // a short accept queue, so that it can be filled (see refuseConnections); the accept loop keeps it empty
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    threads.submit(this::acceptLoop);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/sms";
  }

  /** From now on every request hangs: the connection is accepted and never answered. */
  void hang() {
    mode = Mode.HANG;
  }

  /**
   * From now on no connection is taken: the gateway stops accepting and fills its own accept queue, after which the
   * operating system drops new connection attempts (no answer at all, as from a host that is down or firewalled),
   * so a client's connect times out.
   */
  void refuseConnections() throws IOException {
    accepting = false;
    for (int i = 0; i < 64; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(server.getLocalSocketAddress(), 500);
        synchronized (fillers) {
          fillers.add(filler);
        }
      } catch (SocketTimeoutException full) {
        filler.close();
        return;
      }
    }
    throw new IllegalStateException("the accept queue does not fill up");
  }

  /** Answers again; the requests still hanging are dropped without an answer, connections are taken again. */
  void recover() {
    hangGeneration++;
    mode = Mode.ANSWER;
    accepting = true;
    synchronized (fillers) {
      for (Socket filler : fillers) {
        try {
          filler.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      fillers.clear();
    }
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Keys delivered to the customer, each once. */
  java.util.Set<String> deliveredKeys() {
    return java.util.Set.copyOf(delivered.keySet());
  }

  /** Requests per key, for keys sent more than once. */
  Map<String, Long> repeatedKeys() {
    return requests().stream().collect(Collectors.groupingBy(Request::key, TreeMap::new, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }

  /** The first request of a key. */
  Request first(String key) {
    return requests().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }

  private synchronized void record(Request request) {
    requests.add(request);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        if (!accepting) {
          Thread.sleep(20);
          continue;
        }
        Socket socket = server.accept();
        if (!accepting) {
          // taken just as the gateway stopped accepting: held like the fillers, never answered
          synchronized (fillers) {
            fillers.add(socket);
          }
          continue;
        }
        threads.submit(() -> serve(socket));
      } catch (IOException closed) {
        return;
      } catch (InterruptedException stopped) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      Map<String, String> headers = readHead(in);
      if (headers == null) {
        return;
      }
      Instant received = Instant.now();
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      in.readNBytes(length);
      String key = headers.getOrDefault("idempotency-key", "");
      if (mode == Mode.HANG) {
        hold(socket, in);
        record(new Request(key, received, Instant.now(), Outcome.HUNG));
        return;
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      boolean first = delivered.putIfAbsent(key, received) == null;
      record(new Request(key, received, Instant.now(), first ? Outcome.DELIVERED : Outcome.REPEAT));
      byte[] body = ("{\"status\":\"" + (first ? "accepted" : "duplicate") + "\"}").getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the client went away: what was recorded stands
    }
  }

  /** Holds a hung request until the client gives up (closes the connection) or the gateway recovers. */
  private void hold(Socket socket, InputStream in) throws IOException {
    long generation = hangGeneration;
    socket.setSoTimeout(100);
    while (generation == hangGeneration) {
      try {
        if (in.read() < 0) {
          return; // the client closed the connection: its read timeout fired
        }
      } catch (SocketTimeoutException stillThere) {
        // keep holding
      } catch (IOException reset) {
        return;
      }
    }
  }

  private static Map<String, String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? (matched + 1) : 0;
      if (matched == 4) {
        break;
      }
    }
    if (b < 0) {
      return null;
    }
    Map<String, String> headers = new TreeMap<>();
    String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  @Override
  public void close() throws IOException {
    recover();
    server.close();
    threads.shutdownNow();
  }
}
