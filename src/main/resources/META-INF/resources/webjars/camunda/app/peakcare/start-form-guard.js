// Tasklist 7.24 opens "Start process" in an Angular UI modal (keyboard: true, backdrop: true) that closes on
// Escape and on a click beside it, and throws the start form away with everything typed into it. Agents press
// Escape to close a date picker (a Camunda Forms date field) and lost the whole return case they were entering.
//
// While the modal shows a start form ([cam-tasklist-form] inside .modal), Escape and clicks on the backdrop no
// longer close it: the modal's own close button (×) still does. The date picker still closes on Escape: flatpickr
// handles the key itself, while $uibModalStack ignores a keydown whose default was prevented. Loaded by
// tasklist/scripts/config.js (customScripts); WebappScriptAssumptionsTest checks the Tasklist markup it relies on.

function startFormOpen() {
  return document.querySelector('.modal [cam-tasklist-form]') !== null;
}

window.addEventListener('keydown', (event) => {
  if ((event.key === 'Escape' || event.key === 'Esc' || event.keyCode === 27) && startFormOpen()) {
    event.preventDefault();
  }
}, true);

// a click on the dark area around the dialog lands on the .modal element itself, whose handler dismisses it
window.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.classList.contains('modal') && startFormOpen()) {
    event.stopPropagation();
  }
}, true);

export default [];
