package io.kogu.content.rules;

/** What media a network needs before it accepts a post. */
public enum MediaNeed {
    NONE, IMAGE_OR_VIDEO, IMAGE, VIDEO
}
