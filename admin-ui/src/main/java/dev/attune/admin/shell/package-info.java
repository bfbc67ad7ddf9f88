/**
 * The console's frame and the pages outside its menu: the layout with the navigation (which groups the other packages
 * mirror), sign-in, the password change and the not-found page. They belong to no menu section, so they sit together here.
 */
package dev.attune.admin.shell;
