package com.peakcare.order;

import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The order's refund ceiling refused a claim: more units of a line than it has left, or more money than the order may
 * still refund. A 409 problem naming the field ({@code lines[0].quantity}, {@code amount}); every refusal is also
 * recorded (PC_ORDER_REFUSAL, code {@value #CODE}) so that a dashboard can count them.
 */
public class CeilingRefused extends ApiException {

  public static final String CODE = "CEILING_REFUSED";
  static final URI TYPE = URI.create("https://peakcare.example/problems/refund-ceiling");

  private final String field;

  CeilingRefused(String orderNo, String field, String message) {
    super(HttpStatus.CONFLICT, "Refund ceiling", "订单 " + orderNo + " 的退款上限不允许 · the refund ceiling of order "
        + orderNo + " refuses this: " + field, List.of(new FieldProblem(field, message)), TYPE);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The sentence that names what is left. */
  public String sentence() {
    return errors().get(0).message();
  }
}
