// PeakCare's pages in Cockpit (docs/pages.md): each page is a navigation link and a route, built by page() from its
// module. Cockpit imports this file as the plugin "peakcare" (its Java side: com.peakcare.pages.PeakCareCockpitPlugin).
import { page } from './peakcare-page.js';
import { reviewMeeting } from './reviews.js';
import { bigSaleDashboard } from './dashboard.js';
import { reminderReport } from './reminders.js';
import { complaintReport } from './complaints.js';

export default [
  ...page(reviewMeeting),
  ...page(bigSaleDashboard),
  ...page(reminderReport),
  ...page(complaintReport),
];
