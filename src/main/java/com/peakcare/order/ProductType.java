package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;

/** What kind of goods an order line is (payment reminders plan by it). */
@Schema(name = "ProductType", enumAsRef = true, description = "PHYSICAL 实物, PRESALE 预售, VIRTUAL 虚拟商品, "
    + "SERVICE 服务")
public enum ProductType { PHYSICAL, PRESALE, VIRTUAL, SERVICE }
