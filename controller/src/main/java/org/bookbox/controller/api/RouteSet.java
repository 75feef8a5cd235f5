package org.bookbox.controller.api;

/** More routes for the local API, given by whoever puts the box together (the simulator's controls). */
public interface RouteSet {

    void addTo(Routes routes);
}
