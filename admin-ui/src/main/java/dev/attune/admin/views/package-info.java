/** Console views: each a route that builds itself from small methods and reads through the modules' services. */
package dev.attune.admin.views;
