package com.scheduleapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a request whose Accept rules out JSON before its handler runs: otherwise a create would
 * be written and only its answer refused with 406.
 */
@Component
class AcceptsJson implements HandlerInterceptor, WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v1/**", "/v2/**", "/admin/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotAcceptableException {
    List<String> accept = Collections.list(request.getHeaders("Accept"));
    if (accept.isEmpty()) {
      return true;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotAcceptableException(e.getMessage());
    }
    if (types.isEmpty()
        || types.stream()
            .anyMatch(
                t ->
                    t.getQualityValue() > 0
                        && (t.isCompatibleWith(MediaType.APPLICATION_JSON)
                            || "json".equals(t.getSubtypeSuffix()))
                        && writableCharset(t))) {
      return true;
    }
    throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
  }

  /** JSON is written in UTF-8 (Jackson knows only the UTF encodings); another charset is a 406. */
  private static boolean writableCharset(MediaType type) {
    String charset = type.getParameter("charset");
    return charset == null || charset.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-");
  }
}
