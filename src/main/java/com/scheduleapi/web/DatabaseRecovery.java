package com.scheduleapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Ends a database outage in the log: the first API request answered 2xx after requests met the
 * database away (every API endpoint reads or writes it) logs the recovery and how long it took.
 */
@Component
class DatabaseRecovery implements HandlerInterceptor, WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v1/**", "/v2/**", "/admin/**");
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (ex == null && response.getStatus() / 100 == 2) {
      DatabaseUnavailable.served();
    }
  }
}
