package org.followthrough.email;

import org.followthrough.email.parse.MailParser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    @Bean
    MailParser mailParser(MailProperties properties) {
        return new MailParser(properties.maxMessageSize().toBytes());
    }
}
