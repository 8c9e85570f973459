package org.followthrough.platform.web;

import java.io.IOException;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Tomcat refuses before the application sees them (a malformed or over-long request line,
 * an encoded slash, a header block too large) are answered by the host's error report valve. This
 * one writes a problem document for an address under {@code /api} and a plain page otherwise, in
 * place of Tomcat's own page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                // Other customisers may add Tomcat's own valve; by the time the context starts they have.
                context.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        for (var valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        var present = false;
                        for (var valve : host.getPipeline().getValves()) {
                            present |= valve instanceof ProblemReportValve;
                        }
                        if (!present) {
                            host.getPipeline().addValve(new ProblemReportValve());
                        }
                    }
                });
            }
        });
    }

    /** What the security firewall answers when it refuses a request (a control character in a name, say). */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> PlainAnswers.write(
                response, request.getRequestURI(), 400, "The request's address or parameters are not allowed.", null);
    }

    /** Tomcat's error report, as a problem document or a plain page and without server details. */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var status = HttpStatus.resolve(code);
            var reason = status == null ? "Error" : status.getReasonPhrase();
            try {
                PlainAnswers.write(
                        response, request.getCoyoteRequest().requestURI().toString(), code, detail(code, reason), null);
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response cannot be written: nothing more to tell it.
            }
        }

        private static String detail(int code, String reason) {
            return switch (code) {
                case 400 -> "The request's address or headers are not well formed.";
                case 414 -> "The request's address is too long.";
                case 431 -> "The request's headers are too large.";
                default -> reason + ".";
            };
        }
    }
}
