/** Research toolkit over the OMOP schema: cohorts, manifests, QC, data-quality checks, recipes, exports. Never depends on the FHIR server. */
package org.radbridge.research;
