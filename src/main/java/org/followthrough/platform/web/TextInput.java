package org.followthrough.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Type;
import java.util.HashSet;
import org.followthrough.platform.Text;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Holds every request to the {@link Text} rule before a controller sees it: each JSON body, read
 * into a record or a tree, and each query or form parameter. A refusal names the field and is
 * answered like any other invalid input (a problem document under {@code /api}, the console's error
 * message elsewhere). Parameters bound into a console form record are left to the controller, which
 * checks the form with {@link Text#check(Object)} so that it can show the form again with the error.
 */
@Configuration(proxyBeanMethods = false)
class TextInput implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Parameters());
    }

    /** Query and form parameters: single-line unless the parameter is marked {@link Text.MultiLine}. */
    static final class Parameters implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            // Only the application's own controllers read parameters; an error page being rendered
            // for a refused request must not refuse it again.
            if (!(handler instanceof HandlerMethod method)
                    || request.getDispatcherType() == DispatcherType.ERROR
                    || !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Controller.class)) {
                return true;
            }
            var multiLine = new HashSet<String>();
            var formFields = new HashSet<String>();
            for (var parameter : method.getMethodParameters()) {
                var param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    if (parameter.hasParameterAnnotation(Text.MultiLine.class)) {
                        multiLine.add(name(param, parameter));
                    }
                } else if (parameter.hasParameterAnnotation(ModelAttribute.class)
                        && parameter.getParameterType().isRecord()) {
                    for (var component : parameter.getParameterType().getRecordComponents()) {
                        formFields.add(component.getName());
                    }
                }
            }
            request.getParameterMap().forEach((name, values) -> {
                Text.singleLine("parameter name", name);
                if (formFields.contains(name)) {
                    return;
                }
                for (var value : values) {
                    if (multiLine.contains(name)) {
                        Text.multiLine(name, value);
                    } else {
                        Text.singleLine(name, value);
                    }
                }
            });
            return true;
        }

        private static String name(RequestParam param, MethodParameter parameter) {
            if (!param.name().isEmpty()) {
                return param.name();
            }
            return param.value().isEmpty() ? parameter.getParameterName() : param.value();
        }
    }

    /**
     * JSON bodies. A body read as a tree (a merge patch) takes its multi-line fields from the record
     * its operation documents it with.
     */
    @ControllerAdvice
    static class Bodies extends RequestBodyAdviceAdapter {

        @Override
        public boolean supports(
                MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            return parameter.hasParameterAnnotation(RequestBody.class);
        }

        @Override
        public Object afterBodyRead(
                Object body,
                HttpInputMessage inputMessage,
                MethodParameter parameter,
                Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            if (body instanceof JsonNode tree) {
                Text.check(tree, documentedShape(parameter));
            } else {
                Text.check(body);
            }
            return body;
        }

        private static Class<?> documentedShape(MethodParameter parameter) {
            var operation = parameter.getMethodAnnotation(Operation.class);
            if (operation == null) {
                return null;
            }
            for (var content : operation.requestBody().content()) {
                var shape = content.schema().implementation();
                if (shape != Void.class) {
                    return shape;
                }
            }
            return null;
        }
    }
}
