/** De-identification of research-bound data: DICOM PS3.15 Annex E profiles, pseudonyms, date shifts, text scrubbing. */
package org.radbridge.deid;
