/** Demo data for the README's run command: a desk with weeks of history and known sign-ins (profile demo only). */
package org.followthrough.demo;
