package com.peakcare.security;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * A bean an attacker's expression would call ({@code ${expressionProbe.hit()}}): if the engine ever evaluates an
 * expression from a request, the count moves. Test-only.
 */
@Component("expressionProbe")
public class ExpressionProbe {

  static final AtomicInteger HITS = new AtomicInteger();

  public String hit() {
    HITS.incrementAndGet();
    return "pwned";
  }
}
