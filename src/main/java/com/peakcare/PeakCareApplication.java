package com.peakcare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** PeakCare: campaign checks, return cases and customer notices on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PeakCareApplication {

  public static void main(String[] args) {
    SpringApplication.run(PeakCareApplication.class, args);
  }
}
