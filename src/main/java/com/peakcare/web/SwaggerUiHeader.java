package com.peakcare.web;

import java.io.IOException;
import java.io.InputStream;
import org.springdoc.core.properties.SwaggerUiConfigParameters;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.ui.SwaggerIndexPageTransformer;
import org.springdoc.webmvc.ui.SwaggerIndexTransformer;
import org.springdoc.webmvc.ui.SwaggerWelcomeCommon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Swagger UI sends {@value CrossSiteGuard#HEADER} with every call it makes from its own page ("Try it out"), so that
 * its uploads and bodiless POSTs pass {@link CrossSiteGuard} like any integrator's client: springdoc's own index
 * transformer, plus a Swagger UI {@code requestInterceptor} written into {@code swagger-initializer.js} (springdoc
 * does the same for its CSRF option; springdoc steps back for this bean).
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiHeader {

  static final String INTERCEPTOR = "requestInterceptor: (request) => {\n"
      + "      if (new URL(request.url, document.location.origin).origin === document.location.origin) {\n"
      + "        request.headers['" + CrossSiteGuard.HEADER + "'] = 'swagger-ui';\n"
      + "      }\n"
      + "      return request;\n"
      + "    },\n"
      + "    presets: [";

  @Bean
  SwaggerIndexTransformer indexPageTransformer(SwaggerUiConfigProperties config, SwaggerUiOAuthProperties oauth,
      SwaggerWelcomeCommon welcome, ObjectMapperProvider json) {
    return new SwaggerIndexPageTransformer(config, oauth, welcome, json) {
      @Override
      protected String defaultTransformations(SwaggerUiConfigParameters parameters, InputStream in)
          throws IOException {
        return super.defaultTransformations(parameters, in).replaceFirst("presets: \\[",
            java.util.regex.Matcher.quoteReplacement(INTERCEPTOR));
      }
    };
  }
}
