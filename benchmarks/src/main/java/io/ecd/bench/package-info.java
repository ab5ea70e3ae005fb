/** JMH benchmarks of the protocol codecs; not part of the app. */
package io.ecd.bench;
