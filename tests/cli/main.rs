mod quiz;
