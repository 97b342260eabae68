package com.peakcare.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The shape of every JSON request body, checked once before any parser builds objects from it, whichever door it came
 * through ({@code /api}: Spring MVC's Jackson; {@code /engine-rest} and the webapps' engine API: Jersey with Camunda's
 * own ObjectMapper; form values Spin parses later): nested at most {@code peakcare.web.json.max-depth} deep (20) and no
 * array longer than {@code peakcare.web.json.max-array-entries} (1,000). No request of PeakCare's or the webapps'
 * needs more; a 3,000-deep body (which made the engine's API answer 500) or 25,000 or-queries (which overflowed the
 * stack inside the database driver) only cost memory and stack. Either is a 400 problem naming the place ({@code
 * body} with a JSON pointer), logged in one line ({@link RefusalLog}). The body is read once, streaming, without
 * building anything (bounded by {@link RequestSizeLimit}, which runs first), and handed on unchanged; a body that is
 * not JSON at all is left to the handler, which names its own error.
 */
public class JsonLimits extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(JsonLimits.class);

  private final JsonFactory json;
  private final int maxDepth;
  private final int maxEntries;

  public JsonLimits(int maxDepth, int maxEntries) {
    this.maxDepth = maxDepth;
    this.maxEntries = maxEntries;
    this.json = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
        .build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isJson(request.getContentType())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String refusal = refusal(body);
    if (refusal != null) {
      RefusalLog.info(log, "json-shape", "{} {} refused: {}", request.getMethod(), request.getRequestURI(), refusal);
      ProblemWriter.writeInvalid(response, "body", refusal);
      return;
    }
    chain.doFilter(new Replayed(request, body), response);
  }

  /** What is wrong with the body's shape, or null (also for a body that is not JSON: its handler says why). */
  String refusal(byte[] body) throws IOException {
    // per open container: its entries so far, or -1 for an object (whose fields are not counted)
    Deque<int[]> open = new ArrayDeque<>();
    try (JsonParser parser = json.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
          open.pop();
          continue;
        }
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        if (!open.isEmpty() && open.peek()[0] >= 0 && ++open.peek()[0] > maxEntries) {
          return tooMany(token.isStructStart() ? parser.getParsingContext().getParent() : parser.getParsingContext());
        }
        if (token.isStructStart()) {
          open.push(new int[] {token == JsonToken.START_ARRAY ? 0 : -1});
        }
      }
    } catch (StreamConstraintsException e) {
      return "JSON 嵌套不得超过 " + maxDepth + " 层 · JSON may be nested at most " + maxDepth + " levels deep";
    } catch (JsonProcessingException e) {
      return null;
    }
    return null;
  }

  private String tooMany(com.fasterxml.jackson.core.JsonStreamContext array) {
    String pointer = array.pathAsPointer().toString();
    String path = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
    String name = path.isEmpty() ? "/" : path;
    return "JSON 数组 " + name + " 超过 " + maxEntries + " 项 · the JSON array " + name + " has more than " + maxEntries
        + " entries";
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The request with its body read once and handed on as it came. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
