package com.peakcare.pages;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * PeakCare's pages as one Cockpit plugin (id {@value #ID}), registered in
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}: Cockpit imports its script
 * {@code plugin-webapp/peakcare/app/plugin.js} (the pages' routes and navigation links) and serves its JAX-RS resource
 * {@link PagesResource}, each page's data for the logged-in person.
 */
public class PeakCareCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "peakcare";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(PagesResource.class);
  }
}
