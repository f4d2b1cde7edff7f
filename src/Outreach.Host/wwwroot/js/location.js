// "Use my location" on survey forms: fills the latitude and longitude beside the button from the phone's GPS.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-gps]');
  if (!button) return;
  const box = button.closest('fieldset');
  const status = box.querySelector('[data-gps-status]');
  if (!('geolocation' in navigator)) {
    status.textContent = 'This phone cannot share its location here; type it in below.';
    return;
  }
  status.textContent = 'Finding your location…';
  navigator.geolocation.getCurrentPosition(
    (position) => {
      box.querySelector('[data-gps-lat]').value = position.coords.latitude.toFixed(6);
      box.querySelector('[data-gps-lon]').value = position.coords.longitude.toFixed(6);
      status.textContent = `Location found (within about ${Math.round(position.coords.accuracy)} m).`;
    },
    (error) => { status.textContent = `Could not find your location (${error.message}); type it in below.`; },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
});
