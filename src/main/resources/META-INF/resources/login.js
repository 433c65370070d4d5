// Shows the error line after a failed login (the form login redirects back with ?error).
if (location.search.includes('error')) {
  document.getElementById('error').hidden = false;
}
