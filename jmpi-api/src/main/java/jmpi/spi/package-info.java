/** The service interface between the API and the runtime; not for programs. */
package jmpi.spi;
