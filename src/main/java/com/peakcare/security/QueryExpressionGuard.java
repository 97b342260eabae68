package com.peakcare.security;

import com.peakcare.web.ProblemWriter;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses expressions ({@code ${…}} or {@code #{…}}) sent to Camunda's REST APIs. Camunda 7.24 community
 * evaluates expressions nested in task queries' {@code orQueries} even with ad-hoc query expressions off; the
 * community line will not be patched, so no expression from a caller reaches the engine. PeakCare's own
 * filters (stored queries with {@code ${currentUser()}}) are created at start-up through the Java API.
 */
class QueryExpressionGuard extends OncePerRequestFilter {

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final Pattern JSON_KEY_BEFORE = Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*\"?[^\"]*$");
  private static final int MAX_BODY = 1 << 20;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
      for (String value : param.getValue()) {
        if (EXPRESSION.matcher(value).find()) {
          refuse(response, param.getKey());
          return;
        }
      }
    }
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase().contains("json")) {
      chain.doFilter(request, response); // queries come as JSON or as query parameters
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      ProblemWriter.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "JSON request body larger than 1 MiB");
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    Matcher m = EXPRESSION.matcher(text);
    if (m.find()) {
      Matcher key = JSON_KEY_BEFORE.matcher(text.substring(0, m.start()));
      refuse(response, key.find() ? key.group(1) : "body");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static void refuse(HttpServletResponse response, String field) throws IOException {
    ProblemWriter.writeInvalid(response, field, "expressions are not accepted in requests to the engine API");
  }

  /** The request again, with the body that was already read. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
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
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
