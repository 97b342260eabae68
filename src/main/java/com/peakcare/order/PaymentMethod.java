package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;

/** How the buyer paid: where a refund goes back to unless an after-sales supervisor's change is approved. */
@Schema(name = "PaymentMethod", enumAsRef = true, description = "ALIPAY 支付宝, WECHAT_PAY 微信支付, BANK_CARD 银行卡, "
    + "CREDIT_CARD 信用卡, STORE_BALANCE 店铺余额")
public enum PaymentMethod {
  ALIPAY("支付宝", "Alipay"),
  WECHAT_PAY("微信支付", "WeChat Pay"),
  BANK_CARD("银行卡", "bank card"),
  CREDIT_CARD("信用卡", "credit card"),
  STORE_BALANCE("店铺余额", "store balance");

  private final String chinese;
  private final String english;

  PaymentMethod(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  /** The method in the customer's words. */
  public String label(boolean english) {
    return english ? this.english : chinese;
  }
}
