"""Hand-offs to partners: accepting a request with consent, and delivering it by e-mail (SMTP) or webhook with
retries, from a background worker in the API process (or `nrw-assistant handoffs retry`)."""
