package com.peakcare.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * One rule or display of a campaign: a gift, a threshold, a discount, a banner. Prices in CNY.
 * {@code firstN}: a gift "for the first N buyers"; {@code bannerPrice}: the price the banner or entry image shows.
 */
public record CampaignItem(
    @NotBlank @Size(max = 64) String id,
    @NotBlank @Size(max = 32) String type,
    @NotBlank @Size(max = 1000) String text,
    @PositiveOrZero BigDecimal threshold,
    @PositiveOrZero BigDecimal giftValue,
    @Positive Integer firstN,
    @PositiveOrZero BigDecimal bannerPrice,
    @PositiveOrZero BigDecimal itemPrice,
    @Size(max = 64) String sku) {}
